package io.filesight.application.port.out;

import java.util.Objects;

/**
 * Where an interrupted import of a source stopped: the first {@code records} records it appended
 * are committed, and its commits counted {@code counts}. {@link #NONE} starts from the beginning.
 */
public record ResumePoint(long records, StoredCounts counts) {
  public static final ResumePoint NONE = new ResumePoint(0, StoredCounts.NONE);

  public ResumePoint {
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative, was " + records);
    }
    Objects.requireNonNull(counts, "counts");
  }
}
