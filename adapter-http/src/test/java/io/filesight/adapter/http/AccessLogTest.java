package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessLogTest {
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
  void authenticatedRequestIsLoggedOnceWithItsFieldsAsKeyValuePairs() {
    String path = "/api/files/" + Machines.SHA1 + "/machines";
    HttpResponse<String> response = http.get(path + "?$top=5", StubAuthenticate.GOOD);
    String requestId = response.headers().firstValue("request-id").orElseThrow();

    List<RecordingLogs.Event> lines = linesOf(requestId);

    assertThat(lines).hasSize(1);
    RecordingLogs.Event line = lines.get(0);
    assertThat(line.keyValues())
        .containsEntry("method", "GET")
        .containsEntry("path", path)
        .containsEntry("status", 200)
        .containsEntry("requestId", requestId)
        .containsEntry("tenantId", StubAuthenticate.TENANT)
        .containsEntry("appId", StubAuthenticate.APP)
        .containsKey("durationMs");
    assertThat(line.message())
        .startsWith("GET " + path + " 200 ")
        .contains("request-id=" + requestId)
        .contains("tenant=" + StubAuthenticate.TENANT)
        .contains("app=" + StubAuthenticate.APP);
  }

  @Test
  void aDelegatedCallIsLoggedWithWhoAskedFromWhereAndHowMuchCameBack() {
    String path = "/api/files/" + Machines.SHA1 + "/machines";
    HttpRequest request =
        HttpRequest.newBuilder(http.uri(path))
            .header("Authorization", StubAuthenticate.USER)
            .header("User-Agent", "XSOAR/6.10 \"quoted\"")
            .header("X-Forwarded-For", "198.51.100.1")
            .build();
    HttpResponse<byte[]> response = http.sendForBytes(request);
    String requestId = response.headers().firstValue("request-id").orElseThrow();

    RecordingLogs.Event line = linesOf(requestId).get(0);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(line.keyValues())
        .containsEntry("status", 200)
        .containsEntry("path", path)
        .containsEntry("oid", StubAuthenticate.USER_OID)
        .containsEntry("appId", StubAuthenticate.APP)
        .containsEntry("tenantId", StubAuthenticate.TENANT)
        .containsEntry("userAgent", "XSOAR/6.10 'quoted'")
        .containsEntry("bytes", (long) response.body().length)
        // This server trusts no proxy: the header is the client's word, not its address.
        .containsEntry("clientIp", "127.0.0.1");
    assertThat(line.keyValues().get("durationMs")).isInstanceOf(Double.class);
    assertThat(line.message())
        .contains(
            "client=127.0.0.1",
            "oid=" + StubAuthenticate.USER_OID,
            response.body().length + " bytes");
    assertThat(RecordingLogs.events(event -> true))
        .noneSatisfy(event -> assertThat(event.toString()).contains(StubAuthenticate.USER));
  }

  @Test
  void theBytesLoggedAreTheBodyAsSentCompressedOrNot() {
    for (String encoding : List.of("identity", "gzip")) {
      HttpResponse<byte[]> response =
          http.sendForBytes(
              HttpRequest.newBuilder(http.uri("/openapi.yaml"))
                  .header("Accept-Encoding", encoding)
                  .build());
      String requestId = response.headers().firstValue("request-id").orElseThrow();

      // A compressed answer's line follows its last bytes by a moment.
      awaitLine(requestId);
      assertThat(linesOf(requestId).get(0).keyValues())
          .as(encoding + ", sent as " + response.headers().firstValue("Content-Encoding"))
          .containsEntry("bytes", (long) response.body().length);
    }
  }

  @Test
  void aTrustedProxyNamesTheClientAndOthersCannot() {
    try (TestServer behindProxy =
        new TestServer(
            new StubFind().seen(Machines.FILE, List.of(Machines.full())),
            TestServer.settings().withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1/32"))))) {
      HttpResponse<String> response =
          behindProxy.send(
              HttpRequest.newBuilder(behindProxy.uri("/health/live"))
                  .header("X-Forwarded-For", "6.6.6.6, 198.51.100.1, 127.0.0.1")
                  .build());

      String requestId = response.headers().firstValue("request-id").orElseThrow();
      assertThat(linesOf(requestId).get(0).keyValues()).containsEntry("clientIp", "198.51.100.1");
    }
    HttpResponse<String> direct =
        http.send(
            HttpRequest.newBuilder(http.uri("/health/live"))
                .header("X-Forwarded-For", "198.51.100.1")
                .header("Forwarded", "for=198.51.100.2")
                .build());
    String requestId = direct.headers().firstValue("request-id").orElseThrow();
    assertThat(linesOf(requestId).get(0).keyValues()).containsEntry("clientIp", "127.0.0.1");
  }

  @Test
  void aTrustedProxysSchemeAndHostMakeTheLinks() {
    HttpSettings settings =
        HttpSettings.defaults()
            .withPort(0)
            .withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1")));
    try (TestServer behindProxy =
        new TestServer(new StubFind().seen(Machines.FILE, List.of(Machines.full())), settings)) {
      HttpResponse<String> response =
          behindProxy.send(
              HttpRequest.newBuilder(behindProxy.uri("/api/files/" + Machines.SHA1 + "/machines"))
                  .header("Authorization", StubAuthenticate.GOOD)
                  .header("X-Forwarded-Proto", "https")
                  .header("X-Forwarded-Host", "fs.example.com")
                  .build());

      assertThat(TestServer.json(response).get("@odata.context").asText())
          .isEqualTo("https://fs.example.com/api/$metadata#Machines");
    }
  }

  @Test
  void unauthenticatedRequestIsLoggedWithoutCallerAndNeverWithTheToken() {
    HttpResponse<String> response =
        http.get("/api/files/" + Machines.SHA1 + "/machines", "Bearer s3cr3t-token-value");
    String requestId = response.headers().firstValue("request-id").orElseThrow();

    RecordingLogs.Event line = linesOf(requestId).get(0);

    assertThat(line.keyValues()).containsEntry("status", 401).doesNotContainKey("tenantId");
    assertThat(RecordingLogs.events(event -> true))
        .noneSatisfy(event -> assertThat(event.toString()).contains("s3cr3t"));
  }

  @Test
  void jettyLevelRejectionsAreLoggedToo() {
    TestServer.RawResponse response = http.raw("GARBAGE\r\n\r\n");

    assertThat(linesOf(response.header("request-id"))).hasSize(1);
  }

  @Test
  void controlCharactersInThePathCannotForgeLogLines() {
    assertThat(AccessLog.printable("/a\r\nINFO fake line\u0000\u00e9"))
        .isEqualTo("/a??INFO fake line??");
    assertThat(AccessLog.printable("/" + "x".repeat(5_000))).hasSize(2_048 + 3);
  }

  private static void awaitLine(String requestId) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (linesOf(requestId).isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private static List<RecordingLogs.Event> linesOf(String requestId) {
    return RecordingLogs.events(
        event ->
            event.logger().equals("io.filesight.access")
                && requestId.equals(event.keyValues().get("requestId")));
  }

  @Test
  void durationsAreWrittenWithOneDecimalAsPercentPointOneFWould() {
    for (double ms : new double[] {0, 0.04, 0.05, 0.96, 1.25, 12.34, 999.95, 123456.789}) {
      assertThat(AccessLog.oneDecimal(ms))
          .as("%s ms", ms)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ms));
    }
  }
}
