package io.filesight.application.port.in;

/**
 * Hears how an import goes: progress after each batch (committed at once, or at the end in strict
 * mode), every rejected record, and whether it resumed an interrupted import.
 */
public interface ImportListener {

  /** Called after each batch, the last one ending the import; once for a file without records. */
  void progress(ImportProgress progress);

  /** Called for each record skipped in a lenient import. */
  void rejected(RejectedRecord record);

  /**
   * Called once, before any progress, when an import resumes an interrupted import of the same
   * source: its first {@code records} good records were committed then, and are read again but not
   * stored again.
   */
  default void resumed(long records) {}

  /** A listener that ignores everything. */
  static ImportListener silent() {
    return new ImportListener() {
      @Override
      public void progress(ImportProgress progress) {}

      @Override
      public void rejected(RejectedRecord record) {}
    };
  }
}
