package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import io.filesight.domain.RateQuota;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quota} through the whole server: the configured windows decide the 429, its {@code
 * Retry-After}, message, policy header and metric; instances sharing a database agree on one
 * policy, stored there. Run on each engine.
 */
abstract class ConfiguredQuotaContract {
  static final String TENANT = EndToEndContract.TENANT;
  static final RateQuota THREE_A_MINUTE = RateQuota.parse("3/60s");

  @TempDir Path dir;
  Path jwks;
  DevelopmentTokens tokens;
  final List<FilesightServer> started = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  /** A fresh, empty database, the same for every call within one test. */
  abstract DatabaseLocation database();

  @BeforeEach
  void keys() throws Exception {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    jwks = keys.resolve("jwks.json");
  }

  @AfterEach
  void stopServers() {
    started.forEach(FilesightServer::close);
  }

  FilesightServer start(RateQuota quota, boolean replace) {
    ServerSettings base =
        EndToEndContract.serverSettings(database(), TENANT, jwks, /* cachedMachines= */ 0);
    FilesightServer server =
        FilesightServer.start(
            new ServerSettings(
                base.database(),
                base.databaseWait(),
                base.keysWait(),
                base.tokens(),
                base.http(),
                base.cachedMachines(),
                quota,
                replace));
    started.add(server);
    return server;
  }

  HttpResponse<String> get(FilesightServer server, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withAQuotaOfThreeAMinuteTheFourthCallAnswers429UntilTheFirstLeavesTheWindow()
      throws Exception {
    FilesightServer server = start(THREE_A_MINUTE, false);
    String token =
        tokens.application(TENANT, "quota-app", List.of("Machine.Read.All"), Duration.ofMinutes(5));
    String lookup = "/api/files/" + "0".repeat(39) + "1/machines";

    long first = System.nanoTime();
    for (int call = 1; call <= 3; call++) {
      assertThat(get(server, lookup, token).statusCode()).as("call %d", call).isEqualTo(404);
    }
    HttpResponse<String> fourth = get(server, lookup, token);
    long elapsedSeconds = Duration.ofNanos(System.nanoTime() - first).toSeconds();

    assertThat(fourth.statusCode()).isEqualTo(429);
    // The first call leaves the 60 s window at most 60 s after it was admitted.
    long retryAfter = Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(60 - elapsedSeconds - 1, 60L);
    assertThat(fourth.headers().firstValue("RateLimit-Policy")).contains("3;w=60");
    assertThat(fourth.body())
        .contains("\"code\":\"TooManyRequests\"")
        .contains("Rate limit of 3 calls per 60 seconds exceeded");
    assertThat(get(server, "/metrics", null).body())
        .contains("filesight_ratelimit_rejections_total{limit=\"3/60s\"} 1.0");
    // Connection tests share the quota.
    assertThat(get(server, "/api/alerts?$top=1", token).statusCode()).isEqualTo(429);
  }

  @Test
  void aStartAskingForAnotherQuotaThanTheStoredOneIsRefusedNamingBothAndTheWayOut() {
    FilesightServer first = start(RateQuota.defender(), false);
    assertThat(first.quotaInForce()).isEqualTo(RateQuota.defender());

    assertThatThrownBy(() -> start(THREE_A_MINUTE, false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("--quota (FILESIGHT_QUOTA): asks for 3/60s but the database ")
        .hasMessageContaining("stores 100/60s,1500/3600s")
        .hasMessageContaining("start with --quota 100/60s,1500/3600s")
        .hasMessageContaining("--quota-replace");
  }

  @Test
  void aStartWithTheStoredQuotaJoinsAndAReplacementBecomesTheStoredQuota() {
    start(THREE_A_MINUTE, false);
    assertThat(start(THREE_A_MINUTE, false).quotaInForce()).isEqualTo(THREE_A_MINUTE);

    FilesightServer replacing = start(RateQuota.parse("10/1m,100/1h"), true);

    assertThat(replacing.quotaInForce()).isEqualTo(RateQuota.parse("10/60s,100/3600s"));
    assertThatThrownBy(() -> start(THREE_A_MINUTE, false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stores 10/60s,100/3600s");
  }
}
