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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters the wiring hands to {@code /metrics}, scraped from a real server on a real SQLite file
 * after provoking them: 401s by reason from real tokens, machine cache hits and misses, connection
 * pools, the build and the key set's failed reads.
 */
class ServerMetricsTest {
  @TempDir static Path dir;
  private static FilesightServer server;
  private static DevelopmentKeys keys;
  private static DatabaseLocation database;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void serve() throws Exception {
    Path keyDir = dir.resolve("keys");
    DevelopmentKeys.generate(keyDir);
    keys = DevelopmentKeys.load(keyDir);
    database = new DatabaseLocation.SqliteFile(dir.resolve("filesight.db"), true);
    EndToEndContract.importData(dir, database);
    server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                database,
                EndToEndContract.TENANT,
                keyDir.resolve("jwks.json"),
                ServerSettings.defaultCachedMachines()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void unauthorizedAnswersAreCountedByReasonWithoutTokenValues() throws Exception {
    DevelopmentTokens current = new DevelopmentTokens(keys);
    String good = application(current, EndToEndContract.TENANT);
    String expired =
        application(
            new DevelopmentTokens(
                keys, Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC)),
            EndToEndContract.TENANT);
    String otherAudience =
        application(current.forAudience("https://elsewhere.example"), EndToEndContract.TENANT);
    String otherTenant = application(current, "00000000-0000-0000-0000-00000000000f");
    // Inside the signature: its last character carries padding bits.
    int at = good.length() - 10;
    String badSignature =
        good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);

    lookup(null);
    lookup("Basic dXNlcjpwYXNz");
    lookup("Bearer not.a.token");
    lookup("Bearer " + expired);
    lookup("Bearer " + otherAudience);
    lookup("Bearer " + otherTenant);
    lookup("Bearer " + badSignature);

    String metrics = scrape();
    for (String reason :
        List.of(
            "missing", "not_bearer", "malformed", "expired", "audience", "issuer", "signature")) {
      assertThat(value(metrics, "filesight_http_unauthorized_total{reason=\"" + reason + "\"}"))
          .as(reason)
          .isGreaterThanOrEqualTo(1);
    }
    assertThat(metrics).doesNotContain(expired).doesNotContain("not.a.token");
    assertThat(metrics)
        .contains(
            "http_server_requests_seconds_count{exception=\"UnauthenticatedException\","
                + "method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"401\","
                + "uri=\"/api/files/{id}/machines\"}");
  }

  @Test
  void machineCacheHitsAndMissesAreCounted() throws Exception {
    String token = "Bearer " + application(new DevelopmentTokens(keys), EndToEndContract.TENANT);
    double hitsBefore = value(scrape(), "cache_gets_total{cache=\"machines\",result=\"hit\"}");

    assertThat(lookup(token).statusCode()).isEqualTo(200);
    double missesAfterFirst =
        value(scrape(), "cache_gets_total{cache=\"machines\",result=\"miss\"}");
    assertThat(lookup(token).statusCode()).isEqualTo(200);
    String metrics = scrape();

    assertThat(missesAfterFirst).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "cache_gets_total{cache=\"machines\",result=\"hit\"}"))
        .isGreaterThan(hitsBefore);
    assertThat(value(metrics, "cache_gets_total{cache=\"machines\",result=\"miss\"}"))
        .isEqualTo(missesAfterFirst);
  }

  @Test
  void connectionPoolsBuildAndKeyReadFailuresAreExposed() throws Exception {
    String metrics = scrape();

    assertThat(value(metrics, "hikaricp_connections_max{pool=\"filesight-writer\"}")).isEqualTo(1);
    assertThat(value(metrics, "hikaricp_connections{pool=\"filesight-reader\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics)
        .contains("hikaricp_connections_active{pool=\"filesight-reader\"}")
        .contains("hikaricp_connections_idle{pool=\"filesight-writer\"}")
        .contains("hikaricp_connections_pending{pool=\"filesight-reader\"}");
    assertThat(metrics)
        .containsPattern("filesight_build_info\\{java=\"[^\"]+\",version=\"[^\"]+\"\\} 1");
    assertThat(value(metrics, "filesight_jwks_refresh_failures_total")).isZero();
  }

  @Test
  void importTotalsAreReadFromTheStoreSoAnImportByAnotherProcessShowsAtOnce() throws Exception {
    String before = scrape();
    double observationsBefore =
        value(before, "filesight_import_records_total{kind=\"observations\"}");
    assertThat(value(before, "filesight_import_records_total{kind=\"machines\"}")).isEqualTo(4);
    assertThat(value(before, "filesight_import_records_total{kind=\"access\"}")).isEqualTo(4);
    assertThat(value(before, "filesight_last_import_timestamp_seconds{kind=\"machines\"}"))
        .isPositive();
    Path more = dir.resolve("more-observations.csv");
    Files.write(
        more,
        List.of(
            "Timestamp,DeviceId,SHA1",
            "2026-11-02T09:00:00Z," + EndToEndContract.M_OPEN + "," + "1".repeat(40),
            "2026-11-02T09:00:00Z," + EndToEndContract.M_LABS + "," + "2".repeat(40)));
    long importStarted = System.currentTimeMillis();

    // A separate store handle on the same file, as `filesight import` opens it.
    try (FilesightStore store = FilesightStore.open(database, Duration.ofSeconds(30))) {
      store.importObservations(more, ImportOptions.defaults(), ImportListener.silent());
    }
    String after = scrape();

    assertThat(value(after, "filesight_import_records_total{kind=\"observations\"}"))
        .isEqualTo(observationsBefore + 2);
    assertThat(value(after, "filesight_last_import_timestamp_seconds{kind=\"observations\"}"))
        .isGreaterThanOrEqualTo(importStarted / 1000.0);
  }

  private static String application(DevelopmentTokens tokens, String tenant) {
    return tokens.application(
        tenant, "metrics-app", List.of("Machine.Read.All"), Duration.ofMinutes(10));
  }

  private static HttpResponse<String> lookup(String authorization) throws Exception {
    return get("/api/files/" + EndToEndContract.SHA1 + "/machines", authorization);
  }

  private static String scrape() throws Exception {
    return get("/metrics", null).body();
  }

  /** The value of the sample named exactly {@code series}; fails when there is none. */
  static double value(String metrics, String series) {
    Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(sample.find()).as("a sample " + series + " in\n" + metrics).isTrue();
    return Double.parseDouble(sample.group(1));
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
