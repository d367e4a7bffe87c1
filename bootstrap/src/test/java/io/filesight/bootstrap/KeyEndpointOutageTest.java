package io.filesight.bootstrap;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A key URL that does not serve keys at start-up: the server starts anyway, live but not ready and
 * refusing every token, and serves once the keys load.
 */
class KeyEndpointOutageTest {
  static final String TENANT = "0f0e0d0c-0b0a-0908-0706-050403020100";
  static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

  /** How the key endpoint fails until it recovers. */
  enum Outage {
    ANSWERS_503,
    CLOSED,
    HANGS
  }

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final AtomicInteger answered503 = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  final ExecutorService handlers = Executors.newCachedThreadPool();
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  volatile boolean recovered;
  byte[] jwks;
  HttpServer keyServer;
  CompletableFuture<FilesightServer> starting;

  @BeforeEach
  void captureReadFailures() {
    logged.start();
    readerLog().addAppender(logged);
  }

  @AfterEach
  void stop() throws Exception {
    readerLog().detachAppender(logged);
    release.countDown();
    FilesightServer server =
        starting == null ? null : starting.handle((started, failed) -> started).get(90, SECONDS);
    if (server != null) {
      server.close();
    }
    if (keyServer != null) {
      keyServer.stop(0);
    }
    handlers.shutdownNow();
  }

  private static Logger readerLog() {
    return (Logger) LoggerFactory.getLogger("io.filesight.adapter.auth.JwksReader");
  }

  @ParameterizedTest
  @EnumSource(Outage.class)
  void serverStartsWithoutKeysAndServesOnceTheyLoad(Outage outage) throws Exception {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir.resolve("keys"));
    jwks = Files.readAllBytes(keys.jwksFile());
    String token =
        new DevelopmentTokens(keys)
            .application(TENANT, "reader", List.of("Machine.Read.All"), Duration.ofMinutes(10));
    int keyPort = freePort();
    if (outage != Outage.CLOSED) {
      startKeyServer(keyPort, outage);
    }
    int port = freePort();

    starting = CompletableFuture.supplyAsync(() -> FilesightServer.start(settings(port, keyPort)));

    assertThat(eventually(() -> get(port, "/health/live", null), 200)).isTrue();
    Thread.sleep(1000);
    assertThat(get(port, "/health/ready", null)).isEqualTo(503);
    assertThat(get(port, "/health/started", null)).isEqualTo(503);
    // DESIGN: keys not loaded yet is an outage (503, retry later), not bad credentials.
    assertThat(get(port, "/api/files/" + SHA1 + "/machines", token)).isEqualTo(503);
    assertThat(starting).isNotDone();

    recovered = true;
    release.countDown();
    if (outage == Outage.CLOSED) {
      startKeyServer(keyPort, outage);
    }

    assertThat(eventually(() -> get(port, "/health/ready", null), 200)).isTrue();
    assertThat(get(port, "/api/files/" + SHA1 + "/machines", token)).isEqualTo(200);
    assertThat(starting.get(30, TimeUnit.SECONDS).port()).isEqualTo(port);
    assertThat(get(port, "/health/started", null)).isEqualTo(200);
    List<String> failures = readerLines();
    assertThat(failures)
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("signing keys not read from url http://127.0.0.1:" + keyPort));
    if (outage == Outage.ANSWERS_503) {
      assertThat(failures).hasSize(answered503.get());
    }
  }

  private ServerSettings settings(int port, int keyPort) {
    URI keysUrl = URI.create("http://127.0.0.1:" + keyPort + "/keys");
    return new ServerSettings(
        new DatabaseLocation.SqliteFile(dir.resolve("store.db"), true),
        Duration.ofSeconds(30),
        Duration.ofSeconds(90),
        new TokenSettings(
            TENANT,
            TokenSettings.DEFAULT_AUDIENCES,
            JwksSource.url(keysUrl, Duration.ofMillis(500), Duration.ofMillis(300)),
            TokenSettings.DEFAULT_CLOCK_SKEW),
        new HttpSettings(
            "127.0.0.1",
            port,
            Optional.empty(),
            UnknownFileAnswer.EMPTY,
            false,
            Duration.ofSeconds(5),
            100,
            HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
            HttpSettings.DEFAULT_HEADER_TIMEOUT,
            HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
            HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS),
        100);
  }

  private void startKeyServer(int port, Outage outage) throws IOException {
    keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    keyServer.setExecutor(handlers);
    keyServer.createContext(
        "/keys",
        exchange -> {
          requests.incrementAndGet();
          if (outage == Outage.HANGS && !recovered) {
            awaitRelease();
          }
          if (recovered) {
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
          } else {
            answered503.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
          }
          exchange.close();
        });
    keyServer.start();
  }

  private void awaitRelease() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the key reader logged: it logs nothing but failed reads. */
  private List<String> readerLines() {
    synchronized (logged) {
      return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private int get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private interface Probe {
    int status() throws Exception;
  }

  /** Whether {@code probe} answers {@code expected} within 30 s; a refused connection is no. */
  private static boolean eventually(Probe probe, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (probe.status() == expected) {
          return true;
        }
      } catch (IOException notListeningYet) {
        // Start-up has not opened the port yet.
      }
      Thread.sleep(100);
    }
    return false;
  }
}
