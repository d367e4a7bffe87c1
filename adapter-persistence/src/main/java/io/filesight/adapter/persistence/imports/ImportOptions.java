package io.filesight.adapter.persistence.imports;

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

  /** Lenient, 50 000 records per transaction (fewer commits: each one writes the WAL). */
  public static ImportOptions defaults() {
    return new ImportOptions(false, 50_000);
  }
}
