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
  private static final int TICK_DIGITS = 7;

  private DefenderTimestamps() {}

  static String format(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(28);
    int year = utc.getYear();
    if (year < 0 || year > 9999) {
      // Signed or five-digit years are rare enough for the general formatter.
      text.append(SECONDS.format(utc));
    } else {
      // Two of these per machine on every answer: digits by hand, not through DateTimeFormatter
      // and String.format, which the server profile showed as a twelfth of a request's time.
      digits(text, year, 4).append('-');
      digits(text, utc.getMonthValue(), 2).append('-');
      digits(text, utc.getDayOfMonth(), 2).append('T');
      digits(text, utc.getHour(), 2).append(':');
      digits(text, utc.getMinute(), 2).append(':');
      digits(text, utc.getSecond(), 2);
    }
    int ticks = instant.getNano() / NANOS_PER_TICK;
    if (ticks > 0) {
      int width = TICK_DIGITS;
      while (ticks % 10 == 0) {
        ticks /= 10;
        width--;
      }
      digits(text.append('.'), ticks, width);
    }
    return text.append('Z').toString();
  }

  /** Appends {@code value} (not negative) left-padded with zeros to {@code width} digits. */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    for (int limit = 10, w = 1; w < width; w++, limit *= 10) {
      if (value < limit) {
        text.append('0');
      }
    }
    return text.append(value);
  }
}
