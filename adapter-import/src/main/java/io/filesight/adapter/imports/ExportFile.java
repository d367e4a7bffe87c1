package io.filesight.adapter.imports;

import io.filesight.adapter.imports.JsonRecords.DocumentException;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.application.port.in.RecordSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An export file as a {@link RecordSource}: read as strict UTF-8 (past a byte order mark), parsed
 * on a thread of its own a few blocks ahead of the import ({@link ReadAhead}), and every way it can
 * fail turned into an {@link ImportFailedException} naming the file and the line.
 */
final class ExportFile<T> implements RecordSource<T> {
  /** Makes the format's reader over the file's text; may read a header. */
  interface Format<T> {
    RecordReader<T> open(String source, BufferedReader text) throws IOException;
  }

  private final Path file;
  private final CountingInputStream bytes;
  private final BufferedReader text;
  private final OptionalLong size;
  private final Optional<String> identity;
  private final ReadAhead<T> records;

  private ExportFile(
      Path file, CountingInputStream bytes, BufferedReader text, ReadAhead<T> records)
      throws IOException {
    this.file = file;
    this.bytes = bytes;
    this.text = text;
    boolean regular = Files.isRegularFile(file);
    this.size = regular ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
    // rsync's quick check: a file rewritten in place to the same size within the clock's
    // resolution passes for the same.
    this.identity =
        regular
            ? Optional.of(
                file.toRealPath()
                    + " "
                    + size.getAsLong()
                    + " bytes, modified "
                    + Files.getLastModifiedTime(file))
            : Optional.empty();
    this.records = records;
  }

  /**
   * Opens {@code file} and its format's reader.
   *
   * @throws ImportFailedException when the file cannot be opened or its start is not the format
   */
  static <T> ExportFile<T> open(Path file, Format<T> format) {
    CountingInputStream bytes = null;
    try {
      bytes = new CountingInputStream(Files.newInputStream(file));
      BufferedReader text = utf8(bytes);
      RecordReader<T> reader = format.open(file.toString(), text);
      return new ExportFile<>(file, bytes, text, new ReadAhead<>(reader));
    } catch (IOException | RuntimeException e) {
      closeQuietly(bytes);
      throw failure(file, e);
    }
  }

  /** A strict UTF-8 reader over {@code file}'s text, past a byte order mark if there is one. */
  static BufferedReader utf8(Path file) throws IOException {
    return utf8(Files.newInputStream(file));
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public ParsedRecord<T> next() {
    try {
      return records.next();
    } catch (IOException | RuntimeException e) {
      throw failure(file, e);
    }
  }

  @Override
  public long bytesRead() {
    return bytes.count();
  }

  @Override
  public OptionalLong bytesTotal() {
    return size;
  }

  @Override
  public Optional<String> identity() {
    return identity;
  }

  @Override
  public void close() {
    try {
      records.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(text);
    }
  }

  /** What went wrong with {@code file}, as {@code file:line: what} for the operator. */
  static ImportFailedException failure(Path file, Exception e) {
    if (e instanceof ImportFailedException failed) {
      return failed;
    }
    if (e instanceof CharacterCodingException) {
      long line;
      try {
        line = Utf8Check.firstInvalidLine(file);
      } catch (IOException unreadable) {
        line = 0;
      }
      return new ImportFailedException(
          file.toString(), line, "the file is not UTF-8 text; export or save it as UTF-8", e);
    }
    if (e instanceof CsvReader.CsvTruncatedException truncated) {
      return new ImportFailedException(file.toString(), truncated.line(), e.getMessage(), e);
    }
    if (e instanceof DocumentException document) {
      return new ImportFailedException(
          file.toString(),
          document.line(),
          document.truncated()
              ? "the file ends in the middle of a record (truncated?): " + e.getMessage()
              : "not valid JSON: " + e.getMessage(),
          e);
    }
    if (e instanceof NoSuchFileException) {
      return new ImportFailedException(file.toString(), 0, "no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new ImportFailedException(file.toString(), 0, "permission denied", e);
    }
    if (e instanceof IOException) {
      return new ImportFailedException(
          file.toString(), 0, "cannot read the file: " + e.getMessage(), e);
    }
    return new ImportFailedException(
        file.toString(), 0, "reading the file failed: " + e.getMessage(), e);
  }

  private static BufferedReader utf8(java.io.InputStream bytes) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                bytes,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing after a failure, which is what gets reported
    }
  }
}
