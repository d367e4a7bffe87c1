package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that dribbles its request headers (slowloris) is answered 408 and closed once the header
 * timeout passes, however steadily it sends; other clients are served meanwhile.
 */
class HeaderDeadlineTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);

  /** Generous: the deadline plus scheduling on a busy machine, far below the idle timeout. */
  private static final Duration CLOSED_WITHIN = Duration.ofSeconds(5);

  /** A request's line and headers that never end, longer than a dribble lasts here. */
  private static final String ENDLESS_HEADERS =
      "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(200);

  private static final String LIVENESS = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

  private static TestServer http;

  @BeforeAll
  static void start() {
    http =
        new TestServer(
            new StubFind().seen(Machines.FILE, List.of(Machines.full())),
            TestServer.settings().withHeaderTimeout(HEADER_TIMEOUT));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void headersDribbledPastTheTimeoutAreAnswered408AndClosedWhileOthersAreServed() {
    try (SlowClient slow = new SlowClient(http.server.port())) {
      long start = System.nanoTime();
      slow.dribble(ENDLESS_HEADERS);

      assertThat(http.get("/health/live", null).statusCode()).isEqualTo(200);
      String answer = slow.readUntilClosed();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CLOSED_WITHIN);
      // Still sending when closed: not the idle timeout, which each byte restarts.
      assertThat(slow.dribbled()).isGreaterThanOrEqualTo(3).isLessThan(ENDLESS_HEADERS.length());
      assertTimedOut(answer);
      if (!answer.isEmpty()) {
        String requestId = TestServer.RawResponse.parse(answer).header("request-id");
        List<RecordingLogs.Event> lines =
            RecordingLogs.events(event -> event.message().contains(requestId));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).message()).contains("request headers incomplete after 1000 ms");
        assertThat(lines.get(0).error()).isNull();
      }
    }
    assertThat(http.get("/metrics", null).body())
        .containsPattern("filesight_http_header_timeouts_total [1-9]");
  }

  @Test
  void aKeptAliveConnectionHasTheSameBoundForEachRequestsHeaders() {
    try (SlowClient slow = new SlowClient(http.server.port())) {
      slow.send(LIVENESS);
      assertThat(slow.readAnswer().status()).isEqualTo(200);
      long start = System.nanoTime();
      slow.dribble(ENDLESS_HEADERS);

      String answer = slow.readUntilClosed();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CLOSED_WITHIN);
      assertThat(slow.dribbled()).isGreaterThanOrEqualTo(3).isLessThan(ENDLESS_HEADERS.length());
      assertTimedOut(answer);
    }
  }

  @Test
  void aKeptAliveConnectionMayWaitLongerThanTheTimeoutBeforeItsNextRequest()
      throws InterruptedException {
    try (SlowClient client = new SlowClient(http.server.port())) {
      client.send(LIVENESS);
      assertThat(client.readAnswer().status()).isEqualTo(200);

      Thread.sleep(HEADER_TIMEOUT.multipliedBy(3).toMillis());
      client.send(LIVENESS);

      assertThat(client.readAnswer().status()).isEqualTo(200);
    }
  }

  @Test
  void requestsWhoseHeadersArriveInTimeAreServedAsUsual() {
    try (SlowClient client = new SlowClient(http.server.port())) {
      for (int i = 0; i < 3; i++) {
        client.send(LIVENESS);
        assertThat(client.readAnswer().status()).isEqualTo(200);
      }
    }
  }

  private static void assertTimedOut(String answer) {
    // A reset may overtake the answer when the client's last byte was still unread.
    if (answer.isEmpty()) {
      return;
    }
    TestServer.RawResponse response = TestServer.RawResponse.parse(answer);
    assertThat(response.status()).isEqualTo(408);
    assertThat(response.header("Content-Type")).isEqualTo(ResponseHeaders.ODATA_JSON);
    assertThat(response.header("Connection")).isEqualTo("close");
    JsonNode error = TestServer.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("RequestTimeout");
    assertThat(error.get("target").asText()).isEqualTo(response.header("request-id"));
  }
}
