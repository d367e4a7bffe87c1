package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.EpochNanos;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads export timestamps: ISO-8601 with {@code Z} or an offset (Defender and Advanced Hunting
 * write {@code 2024-03-01T08:15:02.1234567Z}), or without a zone, taken as UTC.
 */
final class Timestamps {
  private Timestamps() {}

  static Instant parse(String text) throws RecordRejectedException {
    Instant instant = fastUtc(text);
    if (instant == null) {
      instant = slow(text);
    }
    if (instant.isBefore(EpochNanos.MIN) || instant.isAfter(EpochNanos.MAX)) {
      throw new RecordRejectedException("time '" + text + "' is out of range");
    }
    return instant;
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
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static Instant slow(String text) throws RecordRejectedException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not with a zone; try without
    }
    try {
      return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new RecordRejectedException("time '" + text + "' is not an ISO-8601 timestamp");
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
