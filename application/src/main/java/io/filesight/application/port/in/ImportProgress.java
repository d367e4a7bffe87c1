package io.filesight.application.port.in;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How far an import has gone: records read, bytes of the file read and its size when known (not for
 * a pipe), and records read per second since the start. Bytes give the share done without counting
 * the records first, which would take a second pass over the file.
 */
public record ImportProgress(
    long records, long bytesRead, OptionalLong bytesTotal, double recordsPerSecond) {

  /**
   * The share of the file read, from 0 to 100, when its size is known. The readers buffer ahead, so
   * it runs slightly ahead of the records reported.
   */
  public OptionalInt percent() {
    if (bytesTotal.isEmpty()) {
      return OptionalInt.empty();
    }
    long total = bytesTotal.getAsLong();
    if (total <= 0) {
      return OptionalInt.of(100);
    }
    return OptionalInt.of((int) Math.min(100, bytesRead * 100 / total));
  }
}
