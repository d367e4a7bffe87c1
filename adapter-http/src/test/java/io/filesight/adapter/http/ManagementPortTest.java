package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a management port, probes and metrics are served there only, and only they are. */
class ManagementPortTest {
  private static final String LOOKUP = "/api/files/" + Machines.SHA1 + "/machines";
  private static TestServer http;

  @BeforeAll
  static void start() {
    StubFind find = new StubFind().seen(Machines.FILE, List.of(Machines.full()));
    http = new TestServer(find, TestServer.settings().withManagementPort(0));
    http.server.startupFinished();
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void managementPortIsItsOwnPort() {
    assertThat(http.server.managementPort()).isPositive().isNotEqualTo(http.server.port());
  }

  @Test
  void probesAndMetricsAnswerOnTheManagementPort() {
    assertThat(management("/health/live").statusCode()).isEqualTo(200);
    assertThat(management("/health/ready").statusCode()).isEqualTo(200);
    assertThat(management("/health/started").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = management("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds");
  }

  @Test
  void probesAndMetricsAreNotFoundOnTheApiPortWithDefendersErrorBody() {
    for (String path : List.of("/metrics", "/health/live", "/health/ready", "/health/started")) {
      HttpResponse<String> response = http.get(path, null);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("NotFound");
    }
  }

  @Test
  void theApiAnswersOnItsPortOnly() {
    assertThat(http.get(LOOKUP, StubAuthenticate.GOOD).statusCode()).isEqualTo(200);

    HttpResponse<String> onManagement = management(LOOKUP);
    assertThat(onManagement.statusCode()).isEqualTo(404);
    assertThat(TestServer.json(onManagement).at("/error/code").asText()).isEqualTo("NotFound");
  }

  @Test
  void theManagementPortMustDifferFromTheApiPort() {
    assertThatThrownBy(() -> TestServer.settings().withPort(8080).withManagementPort(8080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managementPort must differ from port 8080");
  }

  private static HttpResponse<String> management(String path) {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.server.managementPort() + path))
            .GET()
            .build());
  }
}
