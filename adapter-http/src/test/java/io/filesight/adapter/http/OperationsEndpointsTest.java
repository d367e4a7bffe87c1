package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.in.CheckReadiness;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest {
  private static final AtomicReference<Map<String, String>> PROBLEMS =
      new AtomicReference<>(Map.of());
  private static final StubFind FIND =
      new StubFind().seen(Machines.FILE, List.of(Machines.full())).overQuota(60);
  private static TestServer http;

  @BeforeAll
  static void start() {
    CheckReadiness readiness =
        () -> new CheckReadiness.Readiness(List.of("database", "keys"), PROBLEMS.get());
    http = new TestServer(FIND, new StubAuthenticate(), readiness, TestServer.settings());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void livenessAnswersWithoutAuthenticationOrQuota() {
    HttpResponse<String> response = http.get("/health/live", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
  }

  @Test
  void readinessNamesEachCheckAndAnswers503WhenOneIsDownButNotWhy() {
    PROBLEMS.set(Map.of("database", "cannot open /var/lib/filesight/secret.db"));
    try {
      HttpResponse<String> response = http.get("/health/ready", null);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body())
          .isEqualTo(
              "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"},"
                  + "{\"name\":\"keys\",\"status\":\"UP\"}]}");
    } finally {
      PROBLEMS.set(Map.of());
    }
    HttpResponse<String> ready = http.get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .isEqualTo(
            "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"},"
                + "{\"name\":\"keys\",\"status\":\"UP\"}]}");
  }

  @Test
  void startupProbeIsDownUntilStartupFinishedThenUp() {
    try (TestServer starting =
        new TestServer(FIND, new StubAuthenticate(), TestServer.READY, TestServer.settings())) {
      HttpResponse<String> before = starting.get("/health/started", null);

      assertThat(before.statusCode()).isEqualTo(503);
      assertThat(before.body())
          .isEqualTo(
              "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"started\",\"status\":\"DOWN\"}]}");

      starting.server.startupFinished();
      HttpResponse<String> after = starting.get("/health/started", null);

      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body())
          .isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"started\",\"status\":\"UP\"}]}");
    }
  }

  @Test
  void healthEndpointsNeverReachTheRateLimitedUseCase() {
    int before = FIND.calls.size();
    for (int i = 0; i < 150; i++) {
      assertThat(http.get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    assertThat(FIND.calls).hasSize(before);
  }

  @Test
  void metricsFollowSpringsRequestTagsAndCountRateLimitRejections() {
    http.get("/api/files/" + Machines.SHA1 + "/machines", StubAuthenticate.GOOD);
    http.get("/api/files/" + Machines.SHA1 + "/machines", null);

    HttpResponse<String> response = http.get("/metrics", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains(
            "http_server_requests_seconds_count{exception=\"QuotaExceededException\","
                + "method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"429\","
                + "uri=\"/api/files/{id}/machines\"}")
        .contains(
            "{exception=\"UnauthenticatedException\",method=\"GET\",outcome=\"CLIENT_ERROR\","
                + "status=\"401\",uri=\"/api/files/{id}/machines\"}")
        .contains("filesight_http_unauthorized_total{reason=\"missing\"}")
        .contains("http_server_requests_seconds_bucket{")
        .contains("filesight_ratelimit_rejections_total{limit=\"100/60s\"}")
        .contains("jvm_memory_used_bytes")
        .contains("jetty_threads_busy");
  }

  @Test
  void unmatchedPathsShareOneMetricsUriSoSeriesStayBounded() {
    http.get("/random/" + System.nanoTime(), null);

    assertThat(http.get("/metrics", null).body())
        .contains("outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"")
        .doesNotContain("/random/");
  }

  @Test
  void successfulRequestsCarryTheRouteTemplateAndNoException() {
    http.get("/health/live", null);

    assertThat(http.get("/metrics", null).body())
        .contains(
            "http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/health/live\"}");
  }

  @Test
  void unknownMethodsShareOneMetricsSeriesSoSeriesStayBounded() {
    for (int i = 0; i < 20; i++) {
      http.raw("FUZZ" + i + " /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    String metrics = http.get("/metrics", null).body();
    assertThat(metrics).contains("method=\"UNKNOWN\"").doesNotContain("FUZZ");
  }

  @Test
  void openApiDescriptionIsServedAsYaml() {
    HttpResponse<String> response = http.get("/openapi.yaml", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/yaml");
    assertThat(response.body()).startsWith("openapi: 3.1.0").contains("/api/files/{id}/machines:");
  }

  @Test
  void swaggerUiPageLoadsItsAssetsAndTheDescription() {
    HttpResponse<String> page = http.get("/docs", null);
    HttpResponse<String> bundle = http.get("/docs/swagger-ui-bundle.js", null);
    HttpResponse<String> css = http.get("/docs/swagger-ui.css", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("url: '/openapi.yaml'").contains("/docs/swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body()).contains("SwaggerUIBundle");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
  }

  @Test
  void swaggerUiServesOnlyItsOwnFiles() {
    assertThat(http.get("/docs/index.html", null).statusCode()).isEqualTo(404);
    assertThat(http.get("/docs/swagger-initializer.js", null).statusCode()).isEqualTo(404);
    assertThat(http.get("/docs/..%2F..%2Fopenapi.yaml", null).statusCode()).isEqualTo(404);
  }
}
