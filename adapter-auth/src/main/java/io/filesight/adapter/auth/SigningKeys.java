package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The trusted RS256 signing keys by {@code kid}, loaded lazily from a {@link JwksSource} and reread
 * when a token names an unknown key, at most once per {@link JwksSource#MIN_REFRESH_INTERVAL}.
 * Lookups of known keys never wait for a reload: they read an immutable snapshot. Keys older than
 * {@link #MAX_KEY_AGE} are reread in the background, so a key the issuer withdrew stops being
 * trusted without a restart.
 */
final class SigningKeys {
  /** After this long the key set is reread in the background, as Azure AD advises (daily). */
  static final Duration MAX_KEY_AGE = Duration.ofHours(24);

  private static final int MIN_RSA_BITS = 2048;

  private final JwksSource source;
  private final Clock clock;
  private final HttpClient http;
  private final ReentrantLock reloadLock = new ReentrantLock();
  private final AtomicLong loads = new AtomicLong();
  private volatile Map<String, RSASSAVerifier> verifiersByKid = Map.of();
  private final AtomicBoolean backgroundReload = new AtomicBoolean();
  private volatile Instant lastAttempt;
  private volatile Instant lastSuccess;
  private volatile String lastProblem = "keys not loaded yet";

  SigningKeys(JwksSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.http =
        source instanceof JwksSource.JwksUrl url
            ? HttpClient.newBuilder()
                .connectTimeout(url.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
            : null;
  }

  /** The verifier for {@code kid}, reloading the key set once when the key is unknown. */
  Optional<RSASSAVerifier> verifierFor(String kid) {
    RSASSAVerifier known = verifiersByKid.get(kid);
    if (known != null) {
      reloadInBackgroundIfStale();
      return Optional.of(known);
    }
    reloadIfDue();
    return Optional.ofNullable(verifiersByKid.get(kid));
  }

  /**
   * Loads the keys if none are loaded (subject to the reload interval).
   *
   * @throws IllegalStateException naming the last problem when no key is available
   */
  void requireLoaded() {
    if (verifiersByKid.isEmpty()) {
      reloadIfDue();
    }
    if (verifiersByKid.isEmpty()) {
      throw new IllegalStateException(
          "no signing key from " + source.describe() + ": " + lastProblem);
    }
  }

  /** How many times the source was read; lets tests see that caching works. */
  long loads() {
    return loads.get();
  }

  private void reloadInBackgroundIfStale() {
    Instant now = clock.instant();
    Instant loaded = lastSuccess;
    Instant attempted = lastAttempt;
    if (loaded == null
        || now.isBefore(loaded.plus(MAX_KEY_AGE))
        || now.isBefore(attempted.plus(JwksSource.MIN_REFRESH_INTERVAL))
        || !backgroundReload.compareAndSet(false, true)) {
      return;
    }
    Thread reload =
        new Thread(
            () -> {
              try {
                reloadIfDue();
              } finally {
                backgroundReload.set(false);
              }
            },
            "filesight-jwks-reload");
    reload.setDaemon(true);
    reload.start();
  }

  private void reloadIfDue() {
    // A caller waits at most for one read already in flight, which the source timeout bounds.
    reloadLock.lock();
    try {
      Instant now = clock.instant();
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(JwksSource.MIN_REFRESH_INTERVAL))) {
        return;
      }
      lastAttempt = now;
      loads.incrementAndGet();
      try {
        // A failed read keeps the keys we have: a flaky endpoint must not log everyone out.
        verifiersByKid = index(JWKSet.parse(read()));
        lastSuccess = now;
        lastProblem = verifiersByKid.isEmpty() ? "the key set holds no usable RS256 key" : null;
      } catch (IOException | ParseException | RuntimeException e) {
        lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    } finally {
      reloadLock.unlock();
    }
  }

  private String read() throws IOException {
    if (source instanceof JwksSource.JwksFile file) {
      return Files.readString(file.path(), StandardCharsets.UTF_8);
    }
    JwksSource.JwksUrl url = (JwksSource.JwksUrl) source;
    HttpRequest request =
        HttpRequest.newBuilder(url.uri())
            .timeout(url.timeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      // Bounds the whole exchange, body included, not only the wait for the headers.
      HttpResponse<String> answer = response.get(url.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (answer.statusCode() != 200) {
        throw new IOException("HTTP " + answer.statusCode() + " from " + url.uri());
      }
      return answer.body();
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new IOException("no complete answer from " + url.uri() + " within " + url.timeout(), e);
    } catch (ExecutionException e) {
      throw new IOException("fetching " + url.uri() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url.uri(), e);
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
}
