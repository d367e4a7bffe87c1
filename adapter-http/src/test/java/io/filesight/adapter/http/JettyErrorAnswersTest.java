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
                + "a".repeat(HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE)
                + "\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 431, "RequestHeaderFieldsTooLarge");
  }

  @Test
  void aHeaderBlockOfExactlyTheLimitIsServed() {
    TestServer.RawResponse response =
        http.raw(requestOfSize(HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE));

    assertThat(response.status()).isEqualTo(200);
    assertThat(TestServer.json(response.body()).get("value")).hasSize(1);
  }

  @Test
  void aHeaderBlockJustOverTheLimitGets431AsJson() {
    // Jetty does not count the method and protocol version it recognises at a glance (a dozen
    // bytes), so "just over" is a short header line over, not one byte.
    TestServer.RawResponse response =
        http.raw(requestOfSize(HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE + 64));

    assertJsonError(response, 431, "RequestHeaderFieldsTooLarge");
  }

  @Test
  void theLimitIsASetting() {
    int smaller = 12 * 1024;
    try (TestServer strict =
        new TestServer(
            new StubFind().seen(Machines.FILE, List.of(Machines.full())),
            TestServer.settings().withMaxRequestHeaderSize(smaller))) {

      assertThat(strict.raw(requestOfSize(smaller)).status()).isEqualTo(200);
      assertJsonError(strict.raw(requestOfSize(smaller + 64)), 431, "RequestHeaderFieldsTooLarge");
      assertThat(http.raw(requestOfSize(smaller + 64)).status()).isEqualTo(200);
    }
  }

  @Test
  void oversizedUriGets414AsJson() {
    TestServer.RawResponse response =
        http.raw(
            "GET /api/files/"
                + "a".repeat(HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE)
                + "/machines HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 414, "UriTooLong");
  }

  /**
   * An authorized lookup whose request line and headers, up to and including the blank line that
   * ends them, take exactly {@code bytes}, padded by one header.
   */
  private static String requestOfSize(int bytes) {
    String head =
        "GET /api/files/"
            + Machines.SHA1
            + "/machines HTTP/1.1\r\nHost: x\r\nAuthorization: "
            + StubAuthenticate.GOOD
            + "\r\nConnection: close\r\nX-Pad: ";
    String end = "\r\n\r\n";
    String request = head + "p".repeat(bytes - head.length() - end.length()) + end;
    assertThat(request).hasSize(bytes);
    return request;
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

  @Test
  void requestWithTwoHostsGets400AsJson() {
    TestServer.RawResponse response =
        http.raw("GET /health/live HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n");

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
