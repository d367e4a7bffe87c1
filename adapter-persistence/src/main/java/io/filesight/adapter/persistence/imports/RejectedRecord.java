package io.filesight.adapter.persistence.imports;

import java.nio.file.Path;

/** A record an import skipped: where it starts and why. */
public record RejectedRecord(Path file, long line, String reason) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
