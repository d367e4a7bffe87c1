package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.Observation;
import io.filesight.adapter.persistence.ObservationStaging;
import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.StoreWrites;
import io.filesight.adapter.persistence.WriteCounts;
import io.filesight.adapter.persistence.imports.JsonRecords.JsonRecord;
import io.filesight.adapter.persistence.json.JsonReader;
import io.filesight.adapter.persistence.json.JsonSyntaxException;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Imports Defender exports into the store: machines (response body or JSON Lines), observations
 * (Advanced Hunting CSV or JSON Lines) and the access configuration. Streams every file, commits in
 * batches of idempotent upserts, and rejects bad records one by one, or fails on the first one in
 * strict mode with nothing written.
 */
public final class Importer {
  /** The longest string field accepted, in characters; longer ones reject their record. */
  public static final int MAX_FIELD_CHARS = 4096;

  /** The most JSON values in one record; a larger record is rejected. */
  public static final int MAX_VALUES_PER_RECORD = 10_000;

  private final SqliteDatabase database;
  private final ImportListener listener;

  public Importer(SqliteDatabase database, ImportListener listener) {
    this.database = database;
    this.listener = listener;
  }

  /** Imports Defender machine entities; a machine already stored is replaced. */
  public ImportSummary machines(Path file, ImportOptions options) {
    return run(
        file,
        options,
        reader -> jsonSource(reader, value -> MachineRecords.from(value, MAX_FIELD_CHARS)),
        new ChunkWriter<>() {
          @Override
          public WriteCounts add(Connection connection, List<Machine> part) throws SQLException {
            return StoreWrites.upsertMachines(connection, part);
          }

          @Override
          public WriteCounts finish(Connection connection, boolean last) {
            return new WriteCounts(0, 0);
          }
        });
  }

  /** Imports file observations, keeping the first and last time per (file, machine). */
  public ImportSummary observations(Path file, ImportOptions options) {
    return run(
        file,
        options,
        reader ->
            startsLikeJson(reader)
                ? jsonSource(reader, value -> ObservationRecords.from(value, MAX_FIELD_CHARS))
                : csvSource(file, reader),
        new ChunkWriter<>() {
          private final ObservationStaging staging = new ObservationStaging();

          @Override
          public WriteCounts add(Connection connection, List<Observation> part)
              throws SQLException {
            staging.stage(connection, part);
            return new WriteCounts(0, 0);
          }

          @Override
          public WriteCounts finish(Connection connection, boolean last) throws SQLException {
            return last ? staging.move(connection) : staging.moveSome(connection);
          }

          @Override
          public boolean satisfiesForeignKeys() {
            return true; // a batch moves its files before the observations that refer to them
          }
        });
  }

  /**
   * Replaces the access configuration atomically. Any problem fails the whole file, strict or not.
   */
  public ImportSummary access(Path file, ImportOptions options) {
    try (InputStream bytes = Files.newInputStream(file);
        BufferedReader reader = open(bytes)) {
      AccessConfiguration configuration =
          new AccessRecords(new JsonReader(reader, MAX_FIELD_CHARS), file, MAX_FIELD_CHARS).read();
      database.writes().useTransaction(h -> JdbiAccessDirectory.replace(h, configuration));
      long count = configuration.machineGroups().size() + configuration.roles().size();
      long size = Files.size(file);
      listener.progress(new ImportProgress(count, size, OptionalLong.of(size), 0));
      return new ImportSummary(count, count, 0, 0);
    } catch (IOException | JsonSyntaxException e) {
      throw failure(file, e);
    }
  }

  private interface SourceOpener<T> {
    RecordSource<T> open(BufferedReader reader) throws IOException;
  }

  private interface Mapper<T> {
    T map(Object value) throws RecordRejectedException;
  }

  private <T> ImportSummary run(
      Path file, ImportOptions options, SourceOpener<T> opener, ChunkWriter<T> writer) {
    try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(file));
        BufferedReader reader = open(bytes)) {
      ProgressMeter meter = new ProgressMeter(listener, bytes, sizeOf(file));
      try (ReadAhead<T> source = new ReadAhead<>(opener.open(reader))) {
        return new ImportLoop<>(file, source, options, listener, meter, writer).run(database);
      }
    } catch (ImportFailedException e) {
      throw e;
    } catch (Exception e) {
      throw failure(file, e);
    }
  }

  private static <T> RecordSource<T> jsonSource(BufferedReader reader, Mapper<T> mapper) {
    JsonRecords records = new JsonRecords(reader, MAX_FIELD_CHARS, MAX_VALUES_PER_RECORD);
    return () -> {
      JsonRecord record = records.next();
      if (record == null) {
        return null;
      }
      if (record.syntaxError() != null) {
        return new ParsedRecord<>(record.line(), null, record.syntaxError());
      }
      try {
        return new ParsedRecord<>(record.line(), mapper.map(record.value()), null);
      } catch (RecordRejectedException e) {
        return new ParsedRecord<>(record.line(), null, e.getMessage());
      }
    };
  }

  private static RecordSource<Observation> csvSource(Path file, BufferedReader reader)
      throws IOException {
    CsvReader csv = new CsvReader(reader, MAX_FIELD_CHARS);
    CsvRecord header = csv.next();
    if (header == null) {
      return () -> null;
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i);
      if (name != null) {
        columns.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), i);
      }
    }
    for (String required : List.of(ObservationRecords.DEVICE_ID, ObservationRecords.SHA1)) {
      if (!columns.containsKey(required.toLowerCase(Locale.ROOT))) {
        throw new ImportFailedException(
            file,
            header.line(),
            "the CSV header has no "
                + required
                + " column (it has: "
                + String.join(", ", header.fields())
                + ")");
      }
    }
    int width = header.fields().size();
    int device = columns.get("deviceid");
    int sha1 = columns.get("sha1");
    int sha256 = columns.getOrDefault("sha256", -1);
    int md5 = columns.getOrDefault("md5", -1);
    int timestamp = columns.getOrDefault("timestamp", -1);
    int fileName = columns.getOrDefault("filename", -1);
    boolean[] unused = new boolean[width];
    Arrays.fill(unused, true);
    for (int used : new int[] {device, sha1, sha256, md5, timestamp, fileName}) {
      if (used >= 0) {
        unused[used] = false;
      }
    }
    csv.skip(unused);
    return () -> {
      CsvRecord row = csv.next();
      if (row == null) {
        return null;
      }
      if (row.problem() != null) {
        return new ParsedRecord<>(row.line(), null, row.problem());
      }
      List<String> fields = row.fields();
      if (fields.size() != width) {
        return new ParsedRecord<>(
            row.line(), null, "has " + fields.size() + " fields where the header has " + width);
      }
      try {
        return new ParsedRecord<>(
            row.line(),
            ObservationRecords.from(
                field(header, fields, device),
                field(header, fields, sha1),
                field(header, fields, sha256),
                field(header, fields, md5),
                field(header, fields, timestamp),
                field(header, fields, fileName)),
            null);
      } catch (RecordRejectedException e) {
        return new ParsedRecord<>(row.line(), null, e.getMessage());
      }
    };
  }

  private static String field(CsvRecord header, List<String> fields, int index)
      throws RecordRejectedException {
    if (index < 0) {
      return null;
    }
    String value = fields.get(index);
    if (value == null) {
      throw new RecordRejectedException(
          header.fields().get(index).trim() + " is longer than " + MAX_FIELD_CHARS + " characters");
    }
    return value;
  }

  /** Whether the text (after whitespace) starts with '{' or '['; the reader is left unmoved. */
  private static boolean startsLikeJson(BufferedReader reader) throws IOException {
    reader.mark(1 << 16);
    try {
      int c;
      int seen = 0;
      while ((c = reader.read()) >= 0 && seen++ < (1 << 16) - 1) {
        if (!Character.isWhitespace(c)) {
          return c == '{' || c == '[';
        }
      }
      return false;
    } finally {
      reader.reset();
    }
  }

  /** The file's size, or empty when it has none (a pipe, a device). */
  private static OptionalLong sizeOf(Path file) throws IOException {
    return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
  }

  /** A strict UTF-8 reader over {@code bytes}, past a byte order mark if there is one. */
  private static BufferedReader open(InputStream bytes) throws IOException {
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

  private static ImportFailedException failure(Path file, Exception e) {
    if (e instanceof ImportFailedException) {
      return (ImportFailedException) e;
    }
    if (e instanceof CharacterCodingException) {
      long line = -1;
      try {
        line = Utf8Check.firstInvalidLine(file);
      } catch (IOException ignored) {
        // keep the message without a line
      }
      return new ImportFailedException(
          file, Math.max(line, 0), "the file is not UTF-8 text; export or save it as UTF-8");
    }
    if (e instanceof CsvReader.CsvTruncatedException) {
      return new ImportFailedException(
          file, ((CsvReader.CsvTruncatedException) e).line(), e.getMessage());
    }
    if (e instanceof JsonSyntaxException) {
      JsonSyntaxException syntax = (JsonSyntaxException) e;
      return new ImportFailedException(
          file,
          syntax.line(),
          syntax.truncated()
              ? "the file ends in the middle of a record (truncated?): " + syntax.getMessage()
              : "not valid JSON: " + syntax.getMessage());
    }
    if (e instanceof NoSuchFileException) {
      return new ImportFailedException(file, 0, "no such file");
    }
    if (e instanceof AccessDeniedException) {
      return new ImportFailedException(file, 0, "permission denied");
    }
    if (e instanceof IOException) {
      return new ImportFailedException(file, 0, "cannot read the file: " + e.getMessage());
    }
    return new ImportFailedException(
        file, 0, "writing to the database " + "failed: " + e.getMessage());
  }
}
