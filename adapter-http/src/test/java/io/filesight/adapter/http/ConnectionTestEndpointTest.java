package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.domain.Caller;
import io.filesight.domain.MissingPermissionException;
import io.filesight.domain.Permission;
import io.filesight.domain.PermissionGrant;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateLimit;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/alerts}: the connectors' connection test, over a real server on port 0. */
class ConnectionTestEndpointTest {
  private static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

  private final List<Caller> checked = new CopyOnWriteArrayList<>();
  private RuntimeException failure;
  private final CheckConnection check =
      caller -> {
        checked.add(caller);
        if (failure != null) {
          throw failure;
        }
      };
  private TestServer http;

  private TestServer start() {
    http =
        new TestServer(
            new StubFind(), check, new StubAuthenticate(), TestServer.READY, TestServer.settings());
    return http;
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
  }

  @Test
  void aValidTokenGetsDefendersAlertEnvelopeWithNoAlerts() {
    start();

    HttpResponse<String> response = http.get("/api/alerts?$top=1", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"@odata.context\":\"http://127.0.0.1/api/$metadata#Alerts\",\"value\":[]}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ODATA_JSON);
    assertThat(response.headers().firstValue("OData-Version")).hasValue("4.0");
    assertThat(checked).hasSize(1);
    assertThat(checked.get(0).appId()).isEqualTo(StubAuthenticate.APP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "?%24top=1",
        "?$top=10000&$skip=0",
        "?$top=100&",
        "?%24expand=evidence&%24filter=alertCreationTime+gt+2026-11-01T00%3A00%3A00Z&%24top=50",
        "?$filter=status eq 'New'&$orderby=alertCreationTime asc&$expand=evidence",
        "?api-version=1"
      })
  void queryOptionsConnectorsSendAreAcceptedAndTheFiltersIgnored(String query) {
    start();

    HttpResponse<String> response =
        http.get(
            "/api/alerts" + query.replace(" ", "%20").replace("'", "%27"), StubAuthenticate.GOOD);

    assertThat(response.statusCode()).as(query).isEqualTo(200);
    assertThat(TestServer.json(response).get("value").size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "?$top=0",
        "?$top=10001",
        "?$top=one",
        "?$top=%EF%BC%91",
        "?$skip=-1",
        "?$select=id",
        "?$top=1&$top=2",
        "?$filter=a&$filter=b"
      })
  void aMalformedTopOrAnotherOptionIs400ODataErrorBeforeTheQuotaIsTouched(String query) {
    start();

    HttpResponse<String> response = http.get("/api/alerts" + query, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).as(query).isEqualTo(400);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("ODataError");
    assertThat(checked).isEmpty();
  }

  @Test
  void anUnsupportedOptionNamesWhatIsAccepted() {
    start();

    JsonNode error =
        TestServer.json(http.get("/api/alerts?$select=id", StubAuthenticate.GOOD)).get("error");

    assertThat(error.get("message").asText())
        .isEqualTo(
            "The query parameter '$select' is not supported; supported: $top, $skip, $filter,"
                + " $expand, $orderby");
  }

  @Test
  void withoutAValidTokenItIs401AndTheUseCaseIsNotCalled() {
    start();

    HttpResponse<String> none = http.get("/api/alerts?$top=1", null);
    HttpResponse<String> wrong = http.get("/api/alerts?$top=0", "Bearer wrong");

    for (HttpResponse<String> response : List.of(none, wrong)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer error=\"invalid_token\"");
      assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("Unauthorized");
    }
    assertThat(checked).isEmpty();
  }

  @Test
  void aTokenWithoutPermissionIs403NamingThePermissions() {
    failure =
        new MissingPermissionException(
            PermissionGrant.APPLICATION,
            List.of(Permission.MACHINE_READ_ALL, Permission.ALERT_READ_ALL));
    start();

    HttpResponse<String> response = http.get("/api/alerts?$top=1", StubAuthenticate.NO_PERMISSION);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("Forbidden");
    assertThat(TestServer.json(response).at("/error/message").asText()).contains("Alert.Read.All");
  }

  @Test
  void overTheQuotaItIs429WithRetryAfter() {
    failure =
        new QuotaExceededException(
            new io.filesight.domain.QuotaKey(StubAuthenticate.TENANT, StubAuthenticate.APP),
            new QuotaDecision.Rejected(new RateLimit(100, Duration.ofSeconds(60)), 37));
    start();

    HttpResponse<String> response = http.get("/api/alerts?$top=1", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("37");
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("TooManyRequests");
  }

  @Test
  void anotherMethodIs405AndHeadAnswersWithoutABody() {
    start();

    HttpResponse<String> post = http.send("POST", "/api/alerts", StubAuthenticate.GOOD);
    HttpResponse<String> head = http.send("HEAD", "/api/alerts?$top=1", StubAuthenticate.GOOD);

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aConfiguredBaseUrlIsWrittenInTheContext() {
    http =
        new TestServer(
            new StubFind(),
            check,
            new StubAuthenticate(),
            TestServer.READY,
            TestServer.settings()
                .withBaseUrl(java.net.URI.create("https://filesight.example.com/")));

    HttpResponse<String> response = http.get("/api/alerts", StubAuthenticate.GOOD);

    assertThat(TestServer.json(response).get("@odata.context").asText())
        .isEqualTo("https://filesight.example.com/api/$metadata#Alerts");
  }
}
