package io.filesight.adapter.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as Defender writes them: UTC ISO-8601 with at most 7 fractional digits (.NET
 * ticks of 100 ns), trailing zeros trimmed, ending in {@code Z}.
 */
final class DefenderTimestamps {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final int NANOS_PER_TICK = 100;

  private DefenderTimestamps() {}

  static String format(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(28).append(SECONDS.format(utc));
    int ticks = instant.getNano() / NANOS_PER_TICK;
    if (ticks > 0) {
      String fraction = String.format("%07d", ticks);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    return text.append('Z').toString();
  }
}
