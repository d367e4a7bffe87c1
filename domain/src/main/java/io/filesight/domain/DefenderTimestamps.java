package io.filesight.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Policy: how filesight reads and writes points in time, the one place of the rule. Defender writes
 * UTC ISO-8601 with at most 7 fractional digits (.NET ticks of 100 ns), trailing zeros trimmed,
 * ending in {@code Z}; Advanced Hunting exports write all 7 digits. Instants are kept between
 * {@link #MIN} and {@link #MAX}, the nanoseconds since the epoch that a signed 64-bit number holds.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/machine">Machine resource
 *     type</a>
 */
public final class DefenderTimestamps {
  /** The earliest instant filesight keeps (1677-09-21), as nanoseconds in a signed long. */
  public static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);

  /** The latest instant filesight keeps (2262-04-11), as nanoseconds in a signed long. */
  public static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final int NANOS_PER_TICK = 100;
  private static final int TICK_DIGITS = 7;

  private DefenderTimestamps() {}

  /** As the Defender API writes it: {@code 2024-03-01T08:15:02.12Z}, trailing zeros trimmed. */
  public static String format(Instant instant) {
    StringBuilder text = seconds(instant);
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

  /** As Advanced Hunting exports it: {@code 2024-03-01T08:15:02.1200000Z}, all 7 digits. */
  public static String formatPadded(Instant instant) {
    StringBuilder text = seconds(instant);
    digits(text.append('.'), instant.getNano() / NANOS_PER_TICK, TICK_DIGITS);
    return text.append('Z').toString();
  }

  /**
   * Reads an export's timestamp: ISO-8601 with {@code Z} or an offset, or without a zone (then
   * UTC), with up to 9 fractional digits; a space may stand for the {@code T}.
   *
   * @throws InvalidTimestampException when the text is no such timestamp, or outside {@link #MIN}
   *     .. {@link #MAX}
   */
  public static Instant parse(String text) {
    Instant instant = fastUtc(text);
    if (instant == null) {
      instant = general(text);
    }
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new InvalidTimestampException(text, "is out of range (" + MIN + " .. " + MAX + ")");
    }
    return instant;
  }

  /** The date and time to the second, in a builder with room for the fraction. */
  private static StringBuilder seconds(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(28);
    int year = utc.getYear();
    if (year < 0 || year > 9999) {
      // Signed or five-digit years are rare enough for the general formatter.
      return text.append(SECONDS.format(utc));
    }
    // Two of these per machine on every answer, and one per generated observation: digits by
    // hand, not through DateTimeFormatter and String.format.
    digits(text, year, 4).append('-');
    digits(text, utc.getMonthValue(), 2).append('-');
    digits(text, utc.getDayOfMonth(), 2).append('T');
    digits(text, utc.getHour(), 2).append(':');
    digits(text, utc.getMinute(), 2).append(':');
    return digits(text, utc.getSecond(), 2);
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

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without the formatter's cost, or null. */
  private static Instant fastUtc(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return null;
      }
      int digits = 0;
      for (int i = 20; i < n - 1; i++, digits++) {
        int d = digit(t.charAt(i));
        if (d < 0) {
          return null;
        }
        nanos = nanos * 10 + d;
      }
      for (; digits < 9; digits++) {
        nanos *= 10;
      }
    }
    int year = number(t, 0, 4);
    int month = number(t, 5, 7);
    int day = number(t, 8, 10);
    int hour = number(t, 11, 13);
    int minute = number(t, 14, 16);
    int second = number(t, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 59
        || hour < 0
        || minute < 0
        || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Instant general(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not with a zone; try without
    }
    try {
      return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidTimestampException(text, "is not an ISO-8601 timestamp");
    }
  }

  private static int number(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = digit(t.charAt(i));
      if (d < 0) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }
}
