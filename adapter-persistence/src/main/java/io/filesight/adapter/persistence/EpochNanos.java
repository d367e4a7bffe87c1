package io.filesight.adapter.persistence;

import java.time.Instant;

/**
 * How the schema stores instants: nanoseconds since the epoch in a BIGINT, which sorts correctly
 * and keeps Defender's 7 fractional digits on SQLite and PostgreSQL alike.
 */
public final class EpochNanos {
  /** The earliest and latest instants a BIGINT of nanoseconds holds (1677 to 2262). */
  public static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);

  public static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private EpochNanos() {}

  /** Nanoseconds since the epoch, or null for null. */
  public static Long of(Instant instant) {
    if (instant == null) {
      return null;
    }
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException(instant + " is outside " + MIN + " .. " + MAX);
    }
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** The instant of a stored value, or null for SQL NULL. */
  public static Instant toInstant(Long nanos) {
    return nanos == null ? null : Instant.ofEpochSecond(0, nanos);
  }
}
