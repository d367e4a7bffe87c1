package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Jetty rejects before any handler runs still answers with Defender's JSON error body. */
class JettyErrorAnswersTest {
  private static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  private static TestServer http;

  @BeforeAll
  static void start() {
    http = new TestServer(new StubFind().seen(Machines.FILE, List.of(Machines.full())));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void oversizedHeadersGet431AsJson() {
    TestServer.RawResponse response =
        http.raw(
            "GET /api/files/"
                + Machines.SHA1
                + "/machines HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 431, "RequestHeaderFieldsTooLarge");
  }

  @Test
  void oversizedUriGets414AsJson() {
    TestServer.RawResponse response =
        http.raw(
            "GET /api/files/"
                + "a".repeat(20_000)
                + "/machines HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 414, "UriTooLong");
  }

  @Test
  void malformedRequestLineGets400AsJson() {
    TestServer.RawResponse response = http.raw("GARBAGE\r\n\r\n");

    assertJsonError(response, 400, "BadRequest");
  }

  @Test
  void requestWithoutHostGets400AsJson() {
    TestServer.RawResponse response =
        http.raw("GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 400, "BadRequest");
  }

  private static void assertJsonError(TestServer.RawResponse response, int status, String code) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo(ODATA_JSON);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("Server")).isNull();
    JsonNode error = TestServer.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("target").asText()).isEqualTo(response.header("request-id"));
  }
}
