package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.WriteCounts;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reads records and writes them in chunks of {@code batchSize}, one transaction per chunk (or one
 * for the whole file in strict mode), reporting rejected records as they come and progress after
 * each chunk. Records reach the writer in parts so that a large chunk never sits in the heap.
 */
final class ImportLoop<T> {
  /** Records handed to the writer at once. */
  static final int PART_SIZE = 10_000;

  private final Path file;
  private final RecordSource<T> source;
  private final ImportOptions options;
  private final ImportListener listener;
  private final ProgressMeter meter;
  private final ChunkWriter<T> writer;
  private final List<T> part;
  private ParsedRecord<T> next;
  private long read;
  private long rejected;
  private WriteCounts counts = new WriteCounts(0, 0);

  ImportLoop(
      Path file,
      RecordSource<T> source,
      ImportOptions options,
      ImportListener listener,
      ProgressMeter meter,
      ChunkWriter<T> writer) {
    this.file = file;
    this.source = source;
    this.options = options;
    this.listener = listener;
    this.meter = meter;
    this.writer = writer;
    this.part = new ArrayList<>(Math.min(options.batchSize(), PART_SIZE));
  }

  ImportSummary run(SqliteDatabase database) throws Exception {
    next = source.next();
    if (next == null) {
      meter.report(0);
    } else {
      // One handle, so the one writer connection, for the whole import.
      database.writes().useHandle(h -> writeChunks(h));
    }
    return new ImportSummary(read, counts.inserted(), counts.updated(), rejected);
  }

  private void writeChunks(Handle handle) throws Exception {
    boolean uncheckedReferences = writer.satisfiesForeignKeys();
    if (uncheckedReferences) {
      // A connection setting, which SQLite ignores inside a transaction.
      handle.execute("PRAGMA foreign_keys = OFF");
    }
    try {
      if (options.strict()) {
        // One transaction for the whole file: the first bad record rolls everything back.
        handle.useTransaction(h -> writeAll(h.getConnection()));
      } else {
        while (next != null) {
          handle.useTransaction(h -> chunk(h.getConnection()));
          meter.report(read);
        }
      }
    } finally {
      if (uncheckedReferences) {
        handle.execute("PRAGMA foreign_keys = ON");
      }
    }
  }

  private void writeAll(Connection connection) throws IOException, SQLException {
    while (next != null) {
      chunk(connection);
      meter.report(read);
    }
  }

  /** Writes the next chunk: up to {@code batchSize} good records, and the bad ones among them. */
  private void chunk(Connection connection) throws IOException, SQLException {
    int accepted = 0;
    while (next != null && accepted < options.batchSize()) {
      ParsedRecord<T> record = next;
      read++;
      if (record.rejection() != null) {
        reject(record);
      } else {
        part.add(record.value());
        accepted++;
        if (part.size() >= PART_SIZE) {
          flushPart(connection);
        }
      }
      next = source.next();
    }
    flushPart(connection);
    counts = counts.plus(writer.finish(connection, next == null));
  }

  private void flushPart(Connection connection) throws SQLException {
    if (!part.isEmpty()) {
      counts = counts.plus(writer.add(connection, part));
      part.clear();
    }
  }

  private void reject(ParsedRecord<T> record) {
    if (options.strict()) {
      throw new ImportFailedException(
          file, record.line(), record.rejection() + " (strict import: nothing was written)");
    }
    rejected++;
    listener.rejected(new RejectedRecord(file, record.line(), record.rejection()));
  }
}
