package io.filesight.application.port.in;

/** A record an import skipped: the source (its file) and line where it starts, and why. */
public record RejectedRecord(String source, long line, String reason) {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
