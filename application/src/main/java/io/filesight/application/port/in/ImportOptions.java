package io.filesight.application.port.in;

/**
 * How to import: {@code strict} makes the first bad record fail the whole import with nothing
 * written; {@code batchSize} records are committed per transaction otherwise.
 */
public record ImportOptions(boolean strict, int batchSize) {
  public ImportOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
  }

  /** Records per transaction unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1_000_000;

  /**
   * Lenient, 1 000 000 records per transaction. Stores stage a batch outside the heap (SQLite in
   * its temporary files), and a batch of observations costs about one pass over their index
   * whatever its size, so larger batches are cheaper per record.
   */
  public static ImportOptions defaults() {
    return new ImportOptions(false, DEFAULT_BATCH_SIZE);
  }
}
