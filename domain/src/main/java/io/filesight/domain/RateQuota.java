package io.filesight.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy: how many calls one (tenant, application) may make. Defender allows 100 calls per minute
 * and 1500 per hour. The rule is exact over sliding windows: a call at time T is admitted only if
 * every limit holds over (T - window, T] counting the call itself, so no window of any limit ever
 * holds more admitted calls than the limit allows.
 *
 * <p>Internal deployments may set other limits: one to {@value #MAX_LIMITS}, each on its own
 * window, kept shortest window first so that two quotas with the same limits are equal whatever
 * order they were given in.
 *
 * @see <a
 *     href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines#limitations">Get
 *     file related machines: limitations</a>
 */
public record RateQuota(List<RateLimit> limits) {
  /** Most limits one quota may have; each costs a count over the admitted calls per decision. */
  public static final int MAX_LIMITS = 4;

  /** One limit as written: calls, a slash, a whole number of seconds, minutes or hours. */
  private static final Pattern LIMIT = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})([smh])");

  public RateQuota {
    if (limits == null || limits.isEmpty()) {
      throw new IllegalArgumentException("a rate quota has at least one limit");
    }
    if (limits.size() > MAX_LIMITS) {
      throw new IllegalArgumentException(
          "a rate quota has at most " + MAX_LIMITS + " limits, was " + limits.size());
    }
    List<RateLimit> sorted = new ArrayList<>(limits);
    sorted.sort(Comparator.comparing(RateLimit::window));
    Set<Duration> windows = new HashSet<>();
    for (RateLimit limit : sorted) {
      if (!windows.add(limit.window())) {
        throw new IllegalArgumentException(
            "two limits on the same window of " + limit.windowSeconds() + "s: keep one");
      }
    }
    limits = List.copyOf(sorted);
  }

  /**
   * Reads a quota written as comma-separated limits {@code calls/window}, the window a whole number
   * followed by {@code s}, {@code m} or {@code h}: {@code 100/60s,1500/1h}.
   *
   * @throws IllegalArgumentException saying what is wrong, in words fit for an operator
   */
  public static RateQuota parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("names no limit; write e.g. 100/60s,1500/3600s");
    }
    List<RateLimit> limits = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String limit = item.strip().toLowerCase(Locale.ROOT);
      Matcher matcher = LIMIT.matcher(limit);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'"
                + item.strip()
                + "' is not a limit such as 100/60s, 20/1m or 1500/1h (calls/window, window in s,"
                + " m or h)");
      }
      long seconds =
          Long.parseLong(matcher.group(2))
              * switch (matcher.group(3)) {
                case "h" -> 3600L;
                case "m" -> 60L;
                default -> 1L;
              };
      if (seconds > RateLimit.MAX_WINDOW.toSeconds()) {
        throw new IllegalArgumentException(
            "'" + item.strip() + "': a window is at most 24h (" + seconds + "s asked)");
      }
      limits.add(new RateLimit(Integer.parseInt(matcher.group(1)), Duration.ofSeconds(seconds)));
    }
    return new RateQuota(limits);
  }

  /**
   * The quota as {@link #parse} reads it, in seconds, shortest window first: {@code 100/60s,...}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (RateLimit limit : limits) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(limit.describe());
    }
    return text.toString();
  }

  /** Defender's quota for this API: 100 calls per 60 s and 1500 calls per 3600 s. */
  public static RateQuota defender() {
    return new RateQuota(
        List.of(
            new RateLimit(100, Duration.ofSeconds(60)),
            new RateLimit(1500, Duration.ofSeconds(3600))));
  }

  /** The longest window: admitted calls older than this no longer matter and may be forgotten. */
  public Duration horizon() {
    // A loop, not a stream: the quota ledger asks on every call.
    Duration horizon = limits.get(0).window();
    for (RateLimit limit : limits) {
      if (limit.window().compareTo(horizon) > 0) {
        horizon = limit.window();
      }
    }
    return horizon;
  }

  /** The most calls that {@link #decide} needs to see: the largest limit. */
  public int memory() {
    int memory = 0;
    for (RateLimit limit : limits) {
      memory = Math.max(memory, limit.calls());
    }
    return memory;
  }

  /**
   * The earliest instant at which {@link #decide} admits a call, given the calls admitted so far;
   * {@link Instant#MIN} when none of the limits is full. Admitting further calls can only move it
   * later, so a call before it is rejected whatever else is admitted meanwhile.
   *
   * @param admitted times of admitted calls, oldest first
   */
  public Instant admitsFrom(List<Instant> admitted) {
    Instant from = Instant.MIN;
    for (RateLimit limit : limits) {
      if (admitted.size() >= limit.calls()) {
        Instant frees = admitted.get(admitted.size() - limit.calls()).plus(limit.window());
        if (frees.isAfter(from)) {
          from = frees;
        }
      }
    }
    return from;
  }

  /**
   * Decides a call at {@code now}, given the times of the calls admitted before it.
   *
   * @param admitted times of earlier admitted calls, oldest first; only the last {@link #memory()}
   *     within {@link #horizon()} matter
   */
  public QuotaDecision decide(List<Instant> admitted, Instant now) {
    RateLimit blocking = null;
    Instant freeAt = null;
    RateLimit tightest = null;
    int tightestRemaining = Integer.MAX_VALUE;
    long tightestReset = 0;
    for (RateLimit limit : limits) {
      Instant windowStart = now.minus(limit.window());
      int inWindow = countAfter(admitted, windowStart);
      if (inWindow >= limit.calls()) {
        // The call fits once the limit's calls-th most recent admitted call leaves the window.
        Instant frees = admitted.get(admitted.size() - limit.calls()).plus(limit.window());
        if (freeAt == null || frees.isAfter(freeAt)) {
          freeAt = frees;
          blocking = limit;
        }
      } else {
        int remaining = limit.calls() - inWindow - 1;
        if (remaining < tightestRemaining) {
          tightestRemaining = remaining;
          tightest = limit;
          tightestReset = resetSeconds(admitted, limit, windowStart, now);
        }
      }
    }
    if (blocking != null) {
      return new QuotaDecision.Rejected(blocking, ceilSeconds(Duration.between(now, freeAt)));
    }
    return new QuotaDecision.Admitted(tightest, tightestRemaining, tightestReset);
  }

  /** Seconds until the oldest call in the window leaves it (0 when the window is empty). */
  private static long resetSeconds(
      List<Instant> admitted, RateLimit limit, Instant windowStart, Instant now) {
    int first = admitted.size() - countAfter(admitted, windowStart);
    if (first >= admitted.size()) {
      return 0;
    }
    return ceilSeconds(Duration.between(now, admitted.get(first).plus(limit.window())));
  }

  private static int countAfter(List<Instant> admittedOldestFirst, Instant start) {
    int count = 0;
    for (int i = admittedOldestFirst.size() - 1; i >= 0; i--) {
      if (!admittedOldestFirst.get(i).isAfter(start)) {
        break;
      }
      count++;
    }
    return count;
  }

  private static long ceilSeconds(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return 0;
    }
    long seconds = duration.getSeconds();
    return duration.getNano() == 0 ? seconds : seconds + 1;
  }
}
