package io.filesight.adapter.persistence.imports;

import java.util.OptionalLong;

/**
 * Hears how an import goes: progress after each batch (committed at once, or at the end in strict
 * mode) and every rejected record.
 */
public interface ImportListener {

  /**
   * Called after each batch.
   *
   * @param done records read so far
   * @param total records in the file when known
   * @param recordsPerSecond records read per second since the import began
   */
  void progress(long done, OptionalLong total, double recordsPerSecond);

  /** Called for each record skipped in a lenient import. */
  void rejected(RejectedRecord record);

  /** A listener that ignores everything. */
  static ImportListener silent() {
    return new ImportListener() {
      @Override
      public void progress(long done, OptionalLong total, double recordsPerSecond) {}

      @Override
      public void rejected(RejectedRecord record) {}
    };
  }
}
