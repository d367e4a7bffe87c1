package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file of a running server deleted, replaced by another store, or damaged: readiness
 * goes DOWN, lookups answer 503 with the Defender error body, and no answer ever comes from the
 * other store. Real server on port 0, real files.
 */
class StoreFaultsWhileServingTest {
  /** Enough lookups, several at a time, to use and grow every pooled reading connection. */
  private static final int LOOKUPS = 50;

  private static final int PARALLEL = 8;

  /** The machine that only the replacing store holds. */
  private static final String M_OTHER = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb9";

  @TempDir Path dir;
  private Path file;
  private FilesightServer server;
  private DevelopmentTokens tokens;
  private final HttpClient http = HttpClient.newHttpClient();
  private ExecutorService pool;

  @BeforeEach
  void serveAStore() throws Exception {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    file = dir.resolve("filesight.db");
    DatabaseLocation database = new DatabaseLocation.SqliteFile(file, true);
    EndToEndContract.importData(dir, database);
    server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                database,
                EndToEndContract.TENANT,
                keys.resolve("jwks.json"),
                ServerSettings.defaultCachedMachines()));
    pool = Executors.newFixedThreadPool(PARALLEL);
    assertThat(ready().statusCode()).isEqualTo(200);
    assertThat(lookup("faults-warm-up").body()).contains(EndToEndContract.M_FINANCE);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    server.close();
  }

  @Test
  void deletedFileTakesReadinessDownAndLookupsAnswer503() throws Exception {
    Files.delete(file);

    HttpResponse<String> ready = ready();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("{\"name\":\"database\",\"status\":\"DOWN\"}");
    for (HttpResponse<String> response : lookups("faults-deleted")) {
      assertRetired(response);
      assertThat(response.body()).contains("a restart of the service serves the new file");
    }
  }

  @Test
  void replacedFileIsNeverServedAndLookupsAnswer503() throws Exception {
    Path other = otherStore();
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    // At once, before readiness was asked: answers come from the opened store or are refused.
    for (HttpResponse<String> response : lookups("faults-replaced-1")) {
      assertThat(response.body()).doesNotContain(M_OTHER);
      assertThat(response.statusCode()).isIn(200, 503);
    }
    HttpResponse<String> ready = ready();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("{\"name\":\"database\",\"status\":\"DOWN\"}");
    for (HttpResponse<String> response : lookups("faults-replaced-2")) {
      assertRetired(response);
      assertThat(response.body())
          .doesNotContain(M_OTHER)
          .contains("a restart of the service serves the new file");
    }
  }

  @Test
  void corruptPagesWhileServingMakeLookups503AndReadinessDown() throws Exception {
    StoreFiles.corruptTable(file, "observation");

    // Lookups already reading when SQLite first reports the damage may fail with another of the
    // driver's errors (a statement reset under them): 503 all the same, without the diagnosis.
    List<HttpResponse<String>> first = lookups("faults-corrupt");
    first.forEach(StoreFaultsWhileServingTest::assertRetired);
    assertThat(first).anySatisfy(response -> assertThat(response.body()).contains("damaged"));
    // Once it is reported, the store is retired: every later lookup says why.
    for (HttpResponse<String> response : lookups("faults-corrupt-after")) {
      assertRetired(response);
      assertThat(response.body()).contains("damaged");
    }
    HttpResponse<String> ready = ready();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("{\"name\":\"database\",\"status\":\"DOWN\"}");
  }

  private static void assertRetired(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.body()).contains("\"code\":\"ServiceUnavailable\"");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  /** A store at another path whose only machine, {@link #M_OTHER}, saw the same file. */
  private Path otherStore() throws Exception {
    Path otherDir = Files.createDirectories(dir.resolve("other"));
    Path machines = otherDir.resolve("machines.jsonl");
    Files.write(machines, List.of(EndToEndContract.machine(M_OTHER, 0, null, "other.local")));
    Path observations = otherDir.resolve("observations.csv");
    Files.write(
        observations,
        List.of(
            "Timestamp,DeviceId,SHA1",
            "2026-11-01T09:00:00Z," + M_OTHER + "," + EndToEndContract.SHA1));
    Path other = otherDir.resolve("other.db");
    try (FilesightStore store =
        FilesightStore.open(new DatabaseLocation.SqliteFile(other, true), Duration.ofSeconds(5))) {
      store.importMachines(machines, ImportOptions.defaults(), ImportListener.silent());
      store.importObservations(observations, ImportOptions.defaults(), ImportListener.silent());
    }
    return other;
  }

  /** {@link #LOOKUPS} lookups of the known file, {@link #PARALLEL} at a time, as {@code app}. */
  private List<HttpResponse<String>> lookups(String app) throws Exception {
    String token = token(app);
    List<Future<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < LOOKUPS; i++) {
      pending.add(
          pool.submit(() -> get("/api/files/" + EndToEndContract.SHA1 + "/machines", token)));
    }
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (Future<HttpResponse<String>> response : pending) {
      responses.add(response.get());
    }
    return responses;
  }

  private HttpResponse<String> lookup(String app) throws Exception {
    return get("/api/files/" + EndToEndContract.SHA1 + "/machines", token(app));
  }

  private HttpResponse<String> ready() throws Exception {
    return get("/health/ready", null);
  }

  private String token(String app) {
    return tokens.application(
        EndToEndContract.TENANT, app, List.of("Machine.Read.All"), Duration.ofMinutes(10));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
