package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed request, with or without a token, is a client error: 400 (505 for a well-formed
 * protocol version other than HTTP/1.0 and HTTP/1.1) with Defender's error body, one access line
 * and no stack trace.
 */
class MalformedRequestAnswersTest {
  private static TestServer http;

  @BeforeAll
  static void start() {
    http = new TestServer(new StubFind().seen(Machines.FILE, List.of(Machines.full())));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/files/%u0041/machines",
        "/api/files/%zz/machines",
        "/api/files/a;x=%zz/machines",
        "/api/files/" + Machines.SHA1 + ";%4/machines",
        "/docs/%u0041",
        "/docs/%4",
        "/docs/a;b%",
        "/docs/a;b%zz",
        "/health/%",
        "/health/live;%g0"
      })
  void percentSignNotStartingAnEscapeGets400OnEveryRoute(String path) {
    for (String authorization : new String[] {"", "Authorization: " + StubAuthenticate.GOOD}) {
      int logged = RecordingLogs.events(event -> true).size();

      TestServer.RawResponse response =
          http.raw(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + (authorization.isEmpty() ? "" : authorization + "\r\n")
                  + "Connection: close\r\n\r\n");

      assertAnswered(response, 400, "BadRequest", logged);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "HTTP/9.9, 505, HttpVersionNotSupported",
    "HTTP/1.2, 505, HttpVersionNotSupported",
    "HTTP/4.0, 505, HttpVersionNotSupported",
    "HTTP/0.9, 505, HttpVersionNotSupported",
    "HTTP/2.0, 505, HttpVersionNotSupported",
    "HTTP/3.0, 505, HttpVersionNotSupported",
    "FOO, 400, BadRequest",
    "HTTP/1.1x, 400, BadRequest",
    "http/9.9, 400, BadRequest",
    "HTTP/9, 400, BadRequest",
    "HTTP/10.1, 400, BadRequest",
    "HTTP/9.9.9, 400, BadRequest",
    "HTTP/\u00b9.1, 400, BadRequest"
  })
  void requestLineWithAnotherProtocolVersionGets505AndGarbageGets400(
      String version, int status, String code) {
    int logged = RecordingLogs.events(event -> true).size();

    TestServer.RawResponse response =
        http.raw("GET /health/live " + version + "\r\nHost: x\r\n\r\n");

    assertAnswered(response, status, code, logged);
  }

  @Test
  void requestLineWithoutVersionIsHttp09AndGets505() {
    int logged = RecordingLogs.events(event -> true).size();

    TestServer.RawResponse response = http.raw("GET /health/live\r\nHost: x\r\n\r\n");

    assertAnswered(response, 505, "HttpVersionNotSupported", logged);
  }

  private static void assertAnswered(
      TestServer.RawResponse response, int status, String code, int loggedBefore) {
    assertThat(response.status()).isEqualTo(status);
    JsonNode error = TestServer.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    String requestId = response.header("request-id");
    assertThat(error.get("target").asText()).isEqualTo(requestId);
    List<RecordingLogs.Event> all = RecordingLogs.events(event -> true);
    List<RecordingLogs.Event> since = all.subList(loggedBefore, all.size());
    assertThat(since)
        .filteredOn(
            event ->
                event.logger().equals(AccessLog.LOGGER_NAME)
                    && requestId.equals(event.keyValues().get("requestId")))
        .hasSize(1);
    assertThat(since).allSatisfy(event -> assertThat(event.error()).isNull());
  }
}
