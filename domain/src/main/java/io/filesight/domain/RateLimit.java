package io.filesight.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code calls} admitted calls in any window of length {@code window}: from 1 to {@value
 * #MAX_CALLS} calls, over a whole number of seconds from 1 s to 24 h. The bounds keep what a ledger
 * must remember per caller (up to {@code calls} instants, for up to {@code window}) affordable.
 */
public record RateLimit(int calls, Duration window) {
  /** Most calls one limit may admit per window. */
  public static final int MAX_CALLS = 1_000_000;

  /** Longest window a limit may count over. */
  public static final Duration MAX_WINDOW = Duration.ofHours(24);

  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (calls < 1 || calls > MAX_CALLS) {
      throw new IllegalArgumentException(
          "a rate limit admits from 1 to " + MAX_CALLS + " calls, was " + calls);
    }
    if (window.isNegative() || window.isZero() || window.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException(
          "a rate limit window is a positive whole number of seconds");
    }
    if (window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "a rate limit window is at most 24h, was " + window.toSeconds() + "s");
    }
  }

  public long windowSeconds() {
    return window.toSeconds();
  }

  /** The limit as {@code --quota} writes it, in seconds: {@code 100/60s}. */
  public String describe() {
    return calls + "/" + windowSeconds() + "s";
  }
}
