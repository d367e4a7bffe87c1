package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.adapter.persistence.FileFingerprints;
import io.filesight.adapter.persistence.StoreWrites;
import io.filesight.domain.Observation;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyManager;

/**
 * Rows in COPY's text format for one {@code COPY ... FROM STDIN} statement, sent when {@link
 * #flush} is called or, with {@link #flushIfFull}, once they pass a size: one round trip carries
 * many rows, and the buffer stays bounded however large the batch.
 */
final class CopyRows {
  /** Characters that make a buffer worth a round trip of its own. */
  private static final int FULL = 1 << 20;

  private final String copy;
  private final StringBuilder rows = new StringBuilder(FULL + (FULL >> 3));

  CopyRows(String copy) {
    this.copy = copy;
  }

  void flushIfFull(CopyManager manager) throws SQLException {
    if (rows.length() >= FULL) {
      flush(manager);
    }
  }

  void flush(CopyManager manager) throws SQLException {
    if (rows.length() == 0) {
      return;
    }
    try {
      manager.copyIn(copy, new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("copying a batch failed: " + e.getMessage(), e);
    }
    rows.setLength(0);
  }

  /** Drops rows not sent, as when their transaction fails. */
  void clear() {
    rows.setLength(0);
  }

  /**
   * Appends the file of each observation as a row (sha1, sha256, md5, file_name) when {@code files}
   * says it must be staged.
   */
  void addFiles(FileFingerprints files, List<Observation> batch) {
    for (Observation observation : batch) {
      String sha1 = observation.sha1().hex();
      String sha256 = StoreWrites.hexOrNull(observation.sha256());
      String md5 = StoreWrites.hexOrNull(observation.md5());
      if (files.stage(sha1, sha256, md5, observation.fileName())) {
        field(rows, sha1).append('\t');
        field(rows, sha256).append('\t');
        field(rows, md5).append('\t');
        field(rows, observation.fileName()).append('\n');
      }
    }
  }

  /** Appends {@code observation} as a row (sha1, machine_id, seen_ns). */
  void addObservation(Observation observation) {
    rows.append(observation.sha1().hex()).append('\t').append(observation.machine().value());
    Long at = EpochNanos.of(observation.at());
    (at == null ? rows.append("\t\\N") : rows.append('\t').append(at.longValue())).append('\n');
  }

  /** Appends {@code value} in COPY's text format: \N for null, the format's escapes otherwise. */
  private static StringBuilder field(StringBuilder rows, String value) {
    if (value == null) {
      return rows.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          rows.append("\\\\");
          break;
        case '\t':
          rows.append("\\t");
          break;
        case '\n':
          rows.append("\\n");
          break;
        case '\r':
          rows.append("\\r");
          break;
        default:
          rows.append(c);
      }
    }
    return rows;
  }
}
