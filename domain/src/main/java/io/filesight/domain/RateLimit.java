package io.filesight.domain;

import java.time.Duration;
import java.util.Objects;

/** At most {@code calls} admitted calls in any window of length {@code window}. */
public record RateLimit(int calls, Duration window) {
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (calls < 1) {
      throw new IllegalArgumentException("a rate limit admits at least one call, was " + calls);
    }
    if (window.isNegative() || window.isZero() || window.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException(
          "a rate limit window is a positive whole number of seconds");
    }
  }

  public long windowSeconds() {
    return window.toSeconds();
  }
}
