package io.filesight.adapter.persistence.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants as Defender and Advanced Hunting export them: 7 fractional digits, UTC. */
final class DefenderTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private DefenderTime() {}

  static String format(Instant instant) {
    return FORMAT.format(instant);
  }
}
