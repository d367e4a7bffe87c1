package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.filesight.application.fake.MutableClock;
import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.application.port.out.KeysUnavailableException;
import io.filesight.domain.ApplicationCaller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Keys served over HTTP by a local server: cached, reloaded on a new kid, never waited on long. */
class JwksUrlKeysTest {
  static final RSAKey KEY_A = TokenFixture.newKey("key-a");
  static final RSAKey KEY_B = TokenFixture.newKey("key-b");

  final MutableClock clock = new MutableClock(TokenFixture.NOW);
  final AtomicInteger requests = new AtomicInteger();
  final AtomicReference<String> served = new AtomicReference<>(jwks(KEY_A));
  final AtomicInteger status = new AtomicInteger(200);
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  volatile CountDownLatch hold = new CountDownLatch(0);
  volatile boolean stallBody;
  HttpServer server;
  ExecutorService handlers;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext(
        "/keys",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
          if (stallBody) {
            // Headers and a first byte go out at once; the rest never comes until released.
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body, 0, 1);
            exchange.getResponseBody().flush();
            awaitRelease();
            exchange.getResponseBody().write(body, 1, body.length - 1);
          } else {
            awaitRelease();
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    logged.start();
    readerLog().addAppender(logged);
  }

  private static Logger readerLog() {
    return (Logger) LoggerFactory.getLogger(JwksReader.class);
  }

  private void awaitRelease() {
    try {
      hold.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stopServer() {
    readerLog().detachAppender(logged);
    hold.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private static String jwks(RSAKey... keys) {
    return new JWKSet(List.<JWK>of(keys)).toPublicJWKSet().toString();
  }

  private NimbusAccessTokenVerifier verifier(Duration timeout) {
    return new NimbusAccessTokenVerifier(
        TokenSettings.of(TokenFixture.TENANT, JwksSource.url(keysUrl(), timeout)), clock);
  }

  private URI keysUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
  }

  /** A verifier on the system clock that retries quickly. */
  private NimbusAccessTokenVerifier retryingVerifier() {
    return new NimbusAccessTokenVerifier(
        TokenSettings.of(
            TokenFixture.TENANT,
            JwksSource.url(keysUrl(), Duration.ofSeconds(1), Duration.ofMillis(200))),
        Clock.systemUTC());
  }

  private String tokenValidNow(RSAKey key) {
    return TokenFixture.sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims().expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2)))).build(),
        key);
  }

  private List<ILoggingEvent> failedReadsLogged() {
    synchronized (logged) {
      return logged.list.stream()
          .filter(event -> event.getLevel() == Level.WARN)
          .filter(event -> event.getFormattedMessage().startsWith("signing keys not read from"))
          .toList();
    }
  }

  private String token(RSAKey key) {
    return TokenFixture.sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims().build(),
        key);
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .audience("https://api.securitycenter.microsoft.com")
        .issuer("https://sts.windows.net/" + TokenFixture.TENANT + "/")
        .expirationTime(Date.from(clock.instant().plus(Duration.ofHours(2))))
        .claim("tid", TokenFixture.TENANT)
        .claim("appid", TokenFixture.APP)
        .claim("roles", List.of("Machine.Read.All"));
  }

  @Test
  void keysAreFetchedOnceAndCached() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));

    verifier.verify(token(KEY_A));
    verifier.verify(token(KEY_A));

    assertThat(requests).hasValue(1);
  }

  @Test
  void newKidIsFetchedAtMostOncePer30Seconds() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));
    verifier.verify(token(KEY_A));
    served.set(jwks(KEY_A, KEY_B));

    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> verifier.verify(token(KEY_B)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("unknown signing key kid key-b");
    assertThat(requests).hasValue(1);

    clock.advance(Duration.ofSeconds(20));
    assertThat(verifier.verify(token(KEY_B))).isInstanceOf(ApplicationCaller.class);
    assertThat(requests).hasValue(2);
  }

  @Test
  void unknownKidsDoNotHammerTheEndpoint() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));
    verifier.verify(token(KEY_A));
    clock.advance(Duration.ofSeconds(31));

    for (int i = 0; i < 20; i++) {
      String unknownKid =
          TokenFixture.sign(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-" + i).build(),
              claims().build(),
              KEY_B);
      assertThatThrownBy(() -> verifier.verify(unknownKid))
          .isInstanceOf(InvalidTokenException.class);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(requests).hasValue(2);
  }

  @Test
  void rotatedOutKeyIsNoLongerTrustedAfterAReload() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));
    verifier.verify(token(KEY_A));
    served.set(jwks(KEY_B));
    clock.advance(Duration.ofSeconds(31));
    verifier.verify(token(KEY_B));

    String freshTokenWithOldKey =
        TokenFixture.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-a").build(),
            claims().claim("nonce", "new").build(),
            KEY_A);
    assertThatThrownBy(() -> verifier.verify(freshTokenWithOldKey))
        .hasMessageContaining("unknown signing key kid key-a");
  }

  @Test
  void keysOlderThanTheirMaximumAgeAreReloadedInTheBackground() throws InterruptedException {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));
    verifier.verify(token(KEY_A));
    served.set(jwks(KEY_B));
    clock.advance(SigningKeys.MAX_KEY_AGE.plusSeconds(1));

    // Still served from the cached key set; the reload happens beside the request.
    assertThat(verifier.verify(token(KEY_A))).isInstanceOf(ApplicationCaller.class);
    // Each probe is a new token: an accepted token is cached and would prove nothing.
    for (int i = 0; i < 500 && accepts(verifier, withdrawnKeyToken(i)); i++) {
      Thread.sleep(10);
    }
    assertThat(requests).hasValue(2);
    assertThatThrownBy(() -> verifier.verify(withdrawnKeyToken(-1)))
        .hasMessageContaining("unknown signing key kid key-a");
  }

  private String withdrawnKeyToken(int nonce) {
    return TokenFixture.sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-a").build(),
        claims().claim("nonce", nonce).build(),
        KEY_A);
  }

  private static boolean accepts(NimbusAccessTokenVerifier verifier, String token) {
    try {
      verifier.verify(token);
      return true;
    } catch (InvalidTokenException e) {
      return false;
    }
  }

  @Test
  void hangingEndpointFailsAnUnknownKidWithinTheTimeoutAndCachedKeysKeepWorking() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofMillis(300));
    verifier.verify(token(KEY_A));
    hold = new CountDownLatch(1);
    clock.advance(Duration.ofSeconds(31));

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> verifier.verify(token(KEY_B)))
                .hasMessageContaining("unknown signing key kid key-b"));
    assertThat(requests).hasValue(2);
    assertThat(verifier.verify(token(KEY_A))).isInstanceOf(ApplicationCaller.class);
    new KeySetReadinessProbe(verifier).check();
  }

  @Test
  void endpointStallingMidBodyFailsAnUnknownKidWithinTheTimeout() {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofMillis(300));
    verifier.verify(token(KEY_A));
    served.set(jwks(KEY_A, KEY_B));
    stallBody = true;
    hold = new CountDownLatch(1);
    clock.advance(Duration.ofSeconds(31));

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> verifier.verify(token(KEY_B)))
                .hasMessageContaining("unknown signing key kid key-b"));
    assertThat(verifier.verify(token(KEY_A))).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void cachedKeysVerifyWhileAReloadIsInFlight() throws Exception {
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(15));
    verifier.verify(token(KEY_A));
    hold = new CountDownLatch(1);
    clock.advance(Duration.ofSeconds(31));
    String unknownKid = token(KEY_B);

    CompletableFuture<Void> reload =
        CompletableFuture.runAsync(() -> verifierSwallowing(verifier, unknownKid));
    assertThat(requestArrivedAfterFirst()).isTrue();

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> assertThat(verifier.verify(token(KEY_A))).isInstanceOf(ApplicationCaller.class));
    assertThat(reload).isNotDone();
    hold.countDown();
    reload.get(10, TimeUnit.SECONDS);
  }

  @Test
  void failingEndpointMakesTheProbeReportTheProblem() {
    status.set(500);
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));

    assertThat(verifier.keyReadFailures()).isZero();

    assertThatThrownBy(() -> new KeySetReadinessProbe(verifier).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(verifier.keyReadFailures()).isEqualTo(requests.get()).isPositive();
  }

  @Test
  void keysAreAwaitedWhileTheEndpointFailsAndTrustedOnceItAnswers() throws Exception {
    status.set(503);
    NimbusAccessTokenVerifier verifier = retryingVerifier();
    String token = tokenValidNow(KEY_A);

    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(() -> verifier.awaitSigningKeys(Duration.ofSeconds(60)));
    for (int i = 0; i < 1000 && requests.get() < 3; i++) {
      Thread.sleep(10);
    }
    assertThat(requests.get()).isGreaterThanOrEqualTo(3);
    assertThatThrownBy(() -> new KeySetReadinessProbe(verifier).check())
        .hasMessageContaining("HTTP 503");
    // No key to judge it by: an outage (503), not a bad token (401).
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(KeysUnavailableException.class)
        .hasMessageContaining("no signing key is loaded yet");
    assertThatThrownBy(() -> verifier.verify("not-a-token"))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(waiting).isNotDone();

    status.set(200);
    waiting.get(30, TimeUnit.SECONDS);
    assertThat(verifier.verify(token)).isInstanceOf(ApplicationCaller.class);
    new KeySetReadinessProbe(verifier).check();
  }

  @Test
  void awaitingGivesUpAfterItsBoundNamingTheProblem() {
    status.set(503);
    NimbusAccessTokenVerifier verifier = retryingVerifier();

    assertThatThrownBy(() -> verifier.awaitSigningKeys(Duration.ofMillis(700)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url " + keysUrl())
        .hasMessageContaining("HTTP 503");
    assertThat(requests.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void everyFailedReadIsLoggedOnce() {
    status.set(503);
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(2));
    KeySetReadinessProbe probe = new KeySetReadinessProbe(verifier);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(probe::check).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> verifier.verify(token(KEY_A)))
          .isInstanceOf(KeysUnavailableException.class);
      clock.advance(Duration.ofSeconds(31));
    }

    assertThat(requests).hasValue(3);
    assertThat(failedReadsLogged())
        .hasSize(3)
        .allSatisfy(
            event ->
                assertThat(event.getFormattedMessage())
                    .contains("url " + keysUrl())
                    .contains("HTTP 503"));
  }

  @Test
  void aKeySetLargerThanTheCapIsRefused() {
    String jwks = jwks(KEY_A);
    // Still a valid key set, only padded with an unknown member.
    served.set("{\"padding\":\"" + "x".repeat(1024 * 1024) + "\"," + jwks.substring(1));
    NimbusAccessTokenVerifier verifier = verifier(Duration.ofSeconds(5));

    assertThatThrownBy(() -> new KeySetReadinessProbe(verifier).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("larger than");
    assertThatThrownBy(() -> verifier.verify(token(KEY_A)))
        .isInstanceOf(KeysUnavailableException.class);
  }

  private boolean requestArrivedAfterFirst() throws InterruptedException {
    // The first request (initial load) already counted the latch down; wait for the second.
    for (int i = 0; i < 500 && requests.get() < 2; i++) {
      Thread.sleep(10);
    }
    return requests.get() == 2;
  }

  private static void verifierSwallowing(NimbusAccessTokenVerifier verifier, String token) {
    try {
      verifier.verify(token);
    } catch (InvalidTokenException expected) {
      // The reload serves key-a only: key-b stays unknown.
    }
  }
}
