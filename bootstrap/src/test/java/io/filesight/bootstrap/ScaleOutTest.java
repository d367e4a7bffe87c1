package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several stateless instances on one PostgreSQL database: they share the data, the quota (exactly,
 * whichever instance a call reaches) and what an import changes, and they ride out the database
 * going away.
 */
class ScaleOutTest {
  private static final String TENANT = "5c1e0d2a-3b4c-4d5e-8f60-718293a4b5c6";
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final String MACHINE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";

  @TempDir Path dir;
  private final List<FilesightServer> servers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private DevelopmentTokens tokens;

  @BeforeEach
  void keys() {
    DevelopmentKeys.generate(dir.resolve("keys"));
    tokens = new DevelopmentTokens(DevelopmentKeys.load(dir.resolve("keys")));
  }

  @AfterEach
  void stop() {
    servers.forEach(FilesightServer::close);
  }

  @Test
  void twoInstancesTogetherAdmitExactlyTheQuotaOfOneApplication() throws Exception {
    PostgresSettings database = TestPostgres.freshDatabase();
    importData(database, "host-1.contoso.com");
    int[] ports = {start(database), start(database)};
    String token = appToken("busy-app");

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      calls.add(http.sendAsync(lookup(ports[i % 2], token), HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      answers.add(call.get());
    }

    assertThat(answers).filteredOn(a -> a.statusCode() == 200).hasSize(100);
    List<HttpResponse<String>> rejected =
        answers.stream().filter(a -> a.statusCode() == 429).toList();
    assertThat(rejected).hasSize(150);
    List<Long> waits =
        rejected.stream()
            .map(a -> Long.parseLong(a.headers().firstValue("Retry-After").orElseThrow()))
            .toList();
    // Every instance counts from the same first call, by the database's clock.
    assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(50L, 60L));
    for (int port : ports) {
      assertThat(rejected.stream().filter(a -> a.uri().getPort() == port)).isNotEmpty();
    }
  }

  @Test
  void anImportIsSeenByEveryInstanceAtItsNextLookup() throws Exception {
    PostgresSettings database = TestPostgres.freshDatabase();
    importData(database, "before.contoso.com");
    int[] ports = {start(database), start(database)};
    for (int port : ports) {
      assertThat(http.send(lookup(port, appToken("reader-" + port)), ofString()).body())
          .contains("before.contoso.com");
    }

    importData(database, "after.contoso.com");

    for (int port : ports) {
      assertThat(http.send(lookup(port, appToken("reader-" + port)), ofString()).body())
          .contains("after.contoso.com")
          .doesNotContain("before.contoso.com");
    }
  }

  @Test
  void aStoppedDatabaseAnswers503AndServiceResumesWhenItIsBack() throws Exception {
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("pg"));
    EmbeddedPostgres postgres = postgres(data, port);
    PostgresSettings database = smallPool(port, Duration.ofSeconds(5));
    try {
      importData(database, "host-1.contoso.com");
      int server = start(database);
      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);

      postgres.close();

      long start = System.nanoTime();
      HttpResponse<String> ready = get(server, "/health/ready");
      HttpResponse<String> answer = http.send(lookup(server, appToken("during")), ofString());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).contains("\"code\":\"ServiceUnavailable\"");
      assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

      postgres = postgres(data, port);

      assertThat(eventually(() -> get(server, "/health/ready").statusCode(), 200)).isTrue();
      HttpResponse<String> after = http.send(lookup(server, appToken("after")), ofString());
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).contains("host-1.contoso.com");
    } finally {
      servers.forEach(FilesightServer::close);
      servers.clear();
      postgres.close();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aStalledDatabaseAnswers503WithinItsTimeoutsAndLeavesNoThreadWaiting() throws Exception {
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("stalled-pg"));
    EmbeddedPostgres postgres = postgres(data, port);
    // Statements bounded by 3 s, the socket by 8 s.
    PostgresSettings database = smallPool(port, Duration.ofSeconds(3));
    List<ProcessHandle> server = List.of();
    try {
      importData(database, "host-1.contoso.com");
      int filesight = start(database);
      assertThat(http.send(lookup(filesight, appToken("before")), ofString()).statusCode())
          .isEqualTo(200);
      server = postgresProcesses(data);
      assertThat(server).isNotEmpty();

      signal("STOP", server);
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        answers.add(http.sendAsync(lookup(filesight, appToken("stalled-" + i)), ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"ServiceUnavailable\"");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(get(filesight, "/health/ready").statusCode()).isEqualTo(503);

      signal("CONT", server);
      server = List.of();
      assertThat(eventually(() -> get(filesight, "/health/ready").statusCode(), 200)).isTrue();
      assertThat(http.send(lookup(filesight, appToken("after")), ofString()).statusCode())
          .isEqualTo(200);
      // Nothing stays blocked on a socket the stall left behind (a pool check may read briefly).
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!threadsReadingFromPostgres().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(threadsReadingFromPostgres()).isEmpty();
    } finally {
      signal("CONT", server);
      servers.forEach(FilesightServer::close);
      servers.clear();
      postgres.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A pool of 4 on the local server that waits 2 s for a connection. */
  private static PostgresSettings smallPool(int port, Duration statementTimeout) {
    return new PostgresSettings(
        "jdbc:postgresql://localhost:" + port + "/postgres",
        "postgres",
        "",
        4,
        Duration.ofSeconds(2),
        statementTimeout);
  }

  /** The server's processes: the postmaster on {@code data} and its children. */
  private static List<ProcessHandle> postgresProcesses(Path data) {
    List<ProcessHandle> processes = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(data.toString()))
        .forEach(
            postmaster -> {
              processes.add(postmaster);
              postmaster.descendants().forEach(processes::add);
            });
    return processes;
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle process : processes) {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Threads of this JVM blocked reading a PostgreSQL connection, by name. */
  private static List<String> threadsReadingFromPostgres() {
    List<String> reading = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              for (StackTraceElement frame : stack) {
                if (frame
                    .getClassName()
                    .startsWith("org.postgresql.core.VisibleBufferedInputStream")) {
                  reading.add(thread.getName());
                  break;
                }
              }
            });
    return reading;
  }

  private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private interface Probe {
    int status() throws Exception;
  }

  /** Whether {@code probe} answers {@code expected} within 30 s. */
  private static boolean eventually(Probe probe, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (probe.status() == expected) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  private void importData(PostgresSettings database, String dnsName) throws Exception {
    Path machines =
        Files.writeString(
            dir.resolve("machines.jsonl"),
            "{\"id\":\"" + MACHINE + "\",\"computerDnsName\":\"" + dnsName + "\"}\n");
    Path observations =
        Files.writeString(
            dir.resolve("observations.csv"),
            "Timestamp,DeviceId,SHA1\n2026-11-01T09:00:00Z," + MACHINE + "," + SHA1 + "\n");
    try (FilesightStore store =
        FilesightStore.open(new DatabaseLocation.Postgres(database), Duration.ofSeconds(30))) {
      store.importMachines(machines, ImportOptions.defaults(), ImportListener.silent());
      store.importObservations(observations, ImportOptions.defaults(), ImportListener.silent());
    }
  }

  private int start(PostgresSettings database) {
    FilesightServer server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                new DatabaseLocation.Postgres(database),
                TENANT,
                dir.resolve("keys").resolve("jwks.json"),
                1000));
    servers.add(server);
    return server.port();
  }

  private String appToken(String appId) {
    return tokens.application(TENANT, appId, List.of("Machine.Read.All"), Duration.ofMinutes(10));
  }

  private static HttpRequest lookup(int port, String token) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/files/" + SHA1 + "/machines"))
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
