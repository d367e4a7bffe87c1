package io.filesight.adapter.persistence;

import io.filesight.domain.DefenderTimestamps;
import java.time.Instant;

/**
 * How the schema stores instants: nanoseconds since the epoch in a BIGINT, which sorts correctly
 * and keeps Defender's 7 fractional digits on SQLite and PostgreSQL alike; it holds the range that
 * {@link DefenderTimestamps} keeps.
 */
public final class EpochNanos {
  private EpochNanos() {}

  /** Nanoseconds since the epoch, or null for null. */
  public static Long of(Instant instant) {
    if (instant == null) {
      return null;
    }
    if (instant.isBefore(DefenderTimestamps.MIN) || instant.isAfter(DefenderTimestamps.MAX)) {
      throw new IllegalArgumentException(
          instant + " is outside " + DefenderTimestamps.MIN + " .. " + DefenderTimestamps.MAX);
    }
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** The instant of a stored value, or null for SQL NULL. */
  public static Instant toInstant(Long nanos) {
    return nanos == null ? null : Instant.ofEpochSecond(0, nanos);
  }
}
