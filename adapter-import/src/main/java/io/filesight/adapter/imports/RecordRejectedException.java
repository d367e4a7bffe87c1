package io.filesight.adapter.imports;

/** Thrown while mapping one record that cannot be imported; the message is the reason. */
final class RecordRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  RecordRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
