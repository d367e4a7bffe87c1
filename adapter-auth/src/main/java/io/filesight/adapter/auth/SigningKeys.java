package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The trusted RS256 signing keys by {@code kid}, read from a {@link JwksSource} through nimbus's
 * {@link JWKSourceBuilder} chain: cached, reread ahead of expiry in the background once older than
 * {@link #MAX_KEY_AGE} (so a key the issuer withdrew stops being trusted without a restart), rate
 * limited, and kept through an outage of the source for {@link #OUTAGE_TOLERANCE}. Callers ask for
 * a read (an unknown {@code kid}, a check while no key is loaded) at most once per {@link
 * JwksSource#refreshInterval()}; lookups of known keys never wait for a read.
 */
final class SigningKeys {
  /** Keys this old are reread in the background when a token uses them. */
  static final Duration MAX_KEY_AGE = Duration.ofMinutes(5);

  /** Keys that cannot be reread stay trusted this long: an issuer outage must not log all out. */
  static final Duration OUTAGE_TOLERANCE = Duration.ofDays(7);

  /** The background reread has this long before the cached keys expire and callers wait. */
  private static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);

  /** The first pause between attempts while no key is loaded; it doubles up to the interval. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private static final int MIN_RSA_BITS = 2048;

  private final JwksSource source;
  private final Clock clock;
  private final JwksReader reader;
  private final JWKSetSource<SecurityContext> keySets;
  private final Object gate = new Object();
  private long lastAskedAt = Long.MIN_VALUE;
  private volatile Indexed current = Indexed.NONE;

  SigningKeys(JwksSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.reader = new JwksReader(source);
    Duration timeout =
        source instanceof JwksSource.JwksUrl url ? url.timeout() : JwksSource.DEFAULT_TIMEOUT;
    ExecutorService background =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "filesight-jwks-refresh");
              thread.setDaemon(true);
              return thread;
            });
    JWKSource<SecurityContext> chain =
        JWKSourceBuilder.create(reader)
            // A caller waits for a read in flight at most as long as the read itself may take.
            .cache(MAX_KEY_AGE.plus(REFRESH_AHEAD).toMillis(), timeout.plusSeconds(1).toMillis())
            .refreshAheadCache(REFRESH_AHEAD.toMillis(), null, background, true, null, false)
            // Beneath the per-caller interval: bounds every read, the background ones included.
            .rateLimited(firstRetry().toMillis())
            .outageTolerant(OUTAGE_TOLERANCE.toMillis())
            .retrying(false)
            .build();
    this.keySets = ((JWKSetBasedJWKSource<SecurityContext>) chain).getJWKSetSource();
  }

  /** Whether a usable key has been read since the start. */
  boolean loaded() {
    return !current.verifiers().isEmpty();
  }

  /** Where the keys come from, for messages. */
  String source() {
    return source.describe();
  }

  /** The verifier for {@code kid}, reading the key set once more when the key is unknown. */
  Optional<RSASSAVerifier> verifierFor(String kid) {
    long now = clock.millis();
    Indexed keys = current;
    if (keys.set() == null) {
      keys = askedForRead(now) ? read(JWKSetCacheRefreshEvaluator.noRefresh(), now) : keys;
      return Optional.ofNullable(keys.verifiers().get(kid));
    }
    keys = read(JWKSetCacheRefreshEvaluator.noRefresh(), now);
    RSASSAVerifier known = keys.verifiers().get(kid);
    if (known != null || !askedForRead(now)) {
      return Optional.ofNullable(known);
    }
    keys = read(JWKSetCacheRefreshEvaluator.referenceComparison(keys.set()), now);
    return Optional.ofNullable(keys.verifiers().get(kid));
  }

  /**
   * Passes when a usable key is loaded; while none is, reads the key set (subject to the refresh
   * interval).
   *
   * @throws IllegalStateException naming the last problem when no key is available
   */
  void requireLoaded() {
    Indexed keys = current;
    if (keys.verifiers().isEmpty() && askedForRead(clock.millis())) {
      keys = readAgain(keys, clock.millis());
    }
    if (keys.verifiers().isEmpty()) {
      throw noKey(keys);
    }
  }

  /**
   * Reads the key set until a usable key is loaded, pausing between attempts from {@link
   * #FIRST_RETRY} doubling up to the refresh interval, for at most {@code bound} (one attempt when
   * zero).
   *
   * @throws IllegalStateException naming the last problem when no key was loaded within {@code
   *     bound}
   */
  void awaitLoaded(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    Duration pause = firstRetry();
    while (true) {
      Indexed keys = current;
      if (keys.verifiers().isEmpty()) {
        keys = readAgain(keys, clock.millis());
      }
      if (!keys.verifiers().isEmpty()) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw noKey(keys);
      }
      sleep(Duration.ofNanos(Math.min(left, pause.toNanos())));
      Duration doubled = pause.multipliedBy(2);
      pause = doubled.compareTo(source.refreshInterval()) > 0 ? source.refreshInterval() : doubled;
    }
  }

  /** How many times the source was read; lets tests see that caching works. */
  long loads() {
    return reader.reads();
  }

  /** How many reads of the source failed. */
  long failedLoads() {
    return reader.failures();
  }

  private Duration firstRetry() {
    return FIRST_RETRY.compareTo(source.refreshInterval()) < 0
        ? FIRST_RETRY
        : source.refreshInterval();
  }

  /** Whether a caller may cause a read now: none was tried within the refresh interval. */
  private boolean askedForRead(long now) {
    synchronized (gate) {
      long last = Math.max(lastAskedAt, reader.lastReadAt());
      if (last != Long.MIN_VALUE && now < last + source.refreshInterval().toMillis()) {
        return false;
      }
      lastAskedAt = now;
      return true;
    }
  }

  private Indexed readAgain(Indexed keys, long now) {
    return read(
        keys.set() == null
            ? JWKSetCacheRefreshEvaluator.noRefresh()
            : JWKSetCacheRefreshEvaluator.referenceComparison(keys.set()),
        now);
  }

  private Indexed read(JWKSetCacheRefreshEvaluator refresh, long now) {
    try {
      JWKSet set = keySets.getJWKSet(refresh, now, null);
      Indexed keys = current;
      if (set != keys.set()) {
        keys = new Indexed(set, index(set));
        current = keys;
      }
      return keys;
    } catch (KeySourceException e) {
      // The reader logged why; the keys we have stay trusted.
      return current;
    }
  }

  private IllegalStateException noKey(Indexed keys) {
    String problem =
        keys.set() != null && reader.lastProblem() == null
            ? "the key set holds no usable RS256 key"
            : reader.lastProblem();
    return new IllegalStateException("no signing key from " + source.describe() + ": " + problem);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the signing keys", e);
    }
  }

  private static Map<String, RSASSAVerifier> index(JWKSet keySet) {
    Map<String, RSASSAVerifier> verifiers = new HashMap<>();
    for (JWK key : keySet.getKeys()) {
      if (usable(key)) {
        try {
          verifiers.put(key.getKeyID(), new RSASSAVerifier(key.toRSAKey().toPublicJWK()));
        } catch (JOSEException e) {
          // An unusable key is skipped; the others still verify.
        }
      }
    }
    return Map.copyOf(verifiers);
  }

  private static boolean usable(JWK key) {
    return key instanceof RSAKey
        && key.getKeyID() != null
        && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
        && (key.getAlgorithm() == null || JWSAlgorithm.RS256.equals(key.getAlgorithm()))
        && key.size() >= MIN_RSA_BITS;
  }

  /** A key set read and its usable keys by {@code kid}; {@code set} is null before any read. */
  private record Indexed(JWKSet set, Map<String, RSASSAVerifier> verifiers) {
    static final Indexed NONE = new Indexed(null, Map.of());
  }
}
