package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.application.port.out.StoreRetiredException;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorAnswersTest {
  private static final String PATH = "/api/files/" + Machines.SHA1 + "/machines";
  private static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

  private static final StubFind FIND = new StubFind().seen(Machines.FILE, List.of(Machines.full()));
  private static TestServer http;

  private final StubFind find = FIND;

  @BeforeAll
  static void start() {
    http = new TestServer(FIND);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forgetCalls() {
    FIND.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer wrong", "Basic dXNlcjpwYXNz"})
  void callerWithoutValidTokenGets401WithTheDefenderBodyAndChallenge(String authorization) {

    HttpResponse<String> response = http.get(PATH, authorization.isEmpty() ? null : authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    assertErrorBody(
        response,
        "Unauthorized",
        "Authorization has been denied for this request: a valid bearer token is required");
    assertThat(find.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/files/nothex/machines",
        "/api/files/abc%2Fdef/machines",
        "/api/files/$filter/machines?$filter=x"
      })
  void unauthenticatedCallerGets401WhateverTheIdOrQuery(String path) {

    HttpResponse<String> response = http.get(path, "Bearer wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("Unauthorized");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization: Bearer good\r\nAuthorization: Bearer good",
        "Authorization: Bearer good\r\nAuthorization: Bearer wrong",
        "Authorization: Bearer wrong\r\nauthorization: Bearer good",
        "Authorization: Bearer good\r\nX-Other: 1\r\nAUTHORIZATION: Bearer good"
      })
  void twoAuthorizationHeadersGet401WhicheverComesFirst(String authorizations) {
    for (String method : List.of("GET", "HEAD")) {
      TestServer.RawResponse response =
          http.raw(
              method
                  + " "
                  + PATH
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + authorizations
                  + "\r\nConnection: close\r\n\r\n");

      assertThat(response.status()).as(method).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
      assertThat(response.header("Content-Type")).isEqualTo(ODATA_JSON);
      if (method.equals("GET")) {
        JsonNode error = TestServer.json(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("Unauthorized");
        assertThat(error.get("target").asText()).isEqualTo(response.header("request-id"));
      }
    }
    assertThat(find.calls).isEmpty();
  }

  @Test
  void callerOverQuotaGets429WithRetryAfterAndRateLimitHeaders() {
    find.overQuota(37);

    HttpResponse<String> response = http.get("/api/files/nothex/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("37");
    assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("100;w=60, 1500;w=3600");
    assertThat(response.headers().firstValue("RateLimit"))
        .hasValue("limit=100, remaining=0, reset=37");
    assertErrorBody(
        response,
        "TooManyRequests",
        "Rate limit of 100 calls per 60 seconds exceeded for application "
            + StubAuthenticate.APP
            + "; retry after 37 seconds");
  }

  @Test
  void aConfiguredQuotaIsAdvertisedAndCountedByTheLimitThatRejected() {
    RateQuota configured = RateQuota.parse("3/60s,50/1h");
    find.failingWith(
        new QuotaExceededException(
            new QuotaKey("tenant", StubAuthenticate.APP),
            configured,
            new QuotaDecision.Rejected(configured.limits().get(1), 1200)));

    HttpResponse<String> response = http.get("/api/files/nothex/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1200");
    assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("3;w=60, 50;w=3600");
    assertThat(response.headers().firstValue("RateLimit"))
        .hasValue("limit=50, remaining=0, reset=1200");
    assertThat(response.body()).contains("Rate limit of 50 calls per 3600 seconds exceeded");
    assertThat(http.get("/metrics", null).body())
        .contains("filesight_ratelimit_rejections_total{limit=\"50/3600s\"} 1.0");
  }

  @Test
  void callerWithoutPermissionGets403NamingThePermissions() {

    HttpResponse<String> response =
        http.get("/api/files/nothex/machines", StubAuthenticate.NO_PERMISSION);

    assertThat(response.statusCode()).isEqualTo(403);
    assertErrorBody(
        response,
        "Forbidden",
        "Missing application permission: one of Machine.Read.All, Machine.ReadWrite.All is"
            + " required");
  }

  @Test
  void idThatIsNotAHashGets400InvalidHashValue() {

    HttpResponse<String> response = http.get("/api/files/abc/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertErrorBody(response, "InvalidHashValue", "Hash value abc is invalid");
  }

  @Test
  void unexpectedFailureGets500WithoutInternals() {
    find.failingWith(new IllegalStateException("connection to db.internal:5432 refused"));

    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(500);
    assertErrorBody(
        response, "InternalServerError", "An unexpected error occurred; quote the target id");
    assertThat(response.body()).doesNotContain("db.internal", "IllegalStateException", "at io.");
  }

  @Test
  void aStoreThatCannotAnswerGets503WithRetryAfterAndNoInternals() {
    find.failingWith(
        new StoreUnavailableException(
            "reading the database jdbc:postgresql://db.internal:5432/filesight failed"));

    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertErrorBody(
        response, "ServiceUnavailable", "The service cannot reach its data right now; retry later");
    assertThat(response.body()).doesNotContain("db.internal", "jdbc");
  }

  @Test
  void aReplacedStoreGets503SayingARestartServesTheNewFile() {
    find.failingWith(
        StoreRetiredException.replaced(
            "the database file /var/lib/filesight/filesight.db was replaced while serving"));

    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertErrorBody(
        response,
        "ServiceUnavailable",
        "The service's data file was replaced or deleted while serving; a restart of the service"
            + " serves the new file");
    assertThat(response.body()).doesNotContain("/var/lib");
  }

  @Test
  void aDamagedStoreGets503SayingItIsDamaged() {
    find.failingWith(
        StoreRetiredException.damaged(
            "the database /var/lib/filesight/filesight.db is damaged ([SQLITE_CORRUPT] ...)"));

    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("damaged").doesNotContain("/var/lib", "SQLITE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
  void otherMethodsOnTheRouteGet405(String method) {

    HttpResponse<String> response = http.send(method, PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ODATA_JSON);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("MethodNotAllowed");
    assertThat(find.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/files/" + Machines.SHA1 + "/machine",
        "/api/files/" + Machines.SHA1,
        "/api/file/" + Machines.SHA1 + "/machines",
        "/nothing"
      })
  void unknownRoutesGet404WithTheDefenderBody(String path) {

    HttpResponse<String> response = http.get(path, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(404);
    assertErrorBody(response, "NotFound", "The requested resource was not found");
  }

  static void assertErrorBody(HttpResponse<String> response, String code, String message) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ODATA_JSON);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Server")).isEmpty();
    String requestId = response.headers().firstValue("request-id").orElseThrow();
    JsonNode body = TestServer.json(response);
    assertThat(RelatedMachinesEndpointTest.fieldNames(body)).containsExactly("error");
    assertThat(RelatedMachinesEndpointTest.fieldNames(body.get("error")))
        .containsExactly("code", "message", "target");
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\""
                + code
                + "\",\"message\":\""
                + message
                + "\",\"target\":\""
                + requestId
                + "\"}}");
  }
}
