package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.domain.FileHash;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replays how two real SOAR connectors consume this endpoint (defender-contract.md, "How real
 * clients read this endpoint"), each as a few lines of client logic in its own style.
 */
class SoarConnectorReplayTest {
  /** The fields the first connector reads from each machine. */
  private static final List<String> FIRST_CONNECTOR_FIELDS =
      List.of(
          "id",
          "computerDnsName",
          "firstSeen",
          "lastSeen",
          "osPlatform",
          "version",
          "osProcessor",
          "lastIpAddress",
          "lastExternalIpAddress",
          "agentVersion",
          "osBuild",
          "healthStatus",
          "rbacGroupId",
          "rbacGroupName",
          "riskScore",
          "exposureLevel",
          "aadDeviceId",
          "isAadJoined",
          "machineTags",
          "ipAddresses");

  private final StubFind find =
      new StubFind()
          .seen(Machines.FILE, List.of(Machines.full(), Machines.bare(3)))
          .seen(FileHash.parse(Machines.SHA256), List.of(Machines.full(), Machines.bare(3)))
          .seen(FileHash.parse(Machines.MD5), List.of(Machines.full(), Machines.bare(3)));
  private TestServer http;

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void firstConnectorIndexesValueAndReadsItsFields() {
    http = new TestServer(find);

    HttpResponse<String> response =
        http.get("/api/files/" + Machines.SHA1 + "/machines", StubAuthenticate.GOOD);

    assertThat(firstConnectorError(response)).isNull();
    JsonNode value = TestServer.json(response).get("value");
    assertThat(value).as("a missing value is a failure for this connector").isNotNull();
    for (JsonNode machine : value) {
      for (String field : FIRST_CONNECTOR_FIELDS) {
        assertThat(machine.has(field)).as(field).isTrue();
      }
      assertThat(machine.get("rbacGroupId").canConvertToLong()).isTrue();
      assertThat(machine.get("machineTags").isArray()).isTrue();
      assertThat(machine.get("ipAddresses").isArray()).isTrue();
    }
  }

  @Test
  void firstConnectorReportsErrorsWithStatusReasonAndJsonBody() {
    http = new TestServer(find);

    HttpResponse<String> response =
        http.get(
            "/api/files/0000000000000000000000000000000000000000/machines", StubAuthenticate.GOOD);

    String report = firstConnectorError(response);
    assertThat(report).startsWith("Error in API call [404] - Not Found");
    assertThat(
            TestServer.json(report.substring(report.indexOf('\n') + 1)).at("/error/code").asText())
        .isEqualTo("NotFound");
  }

  @Test
  void firstConnectorRetryingAfterSixtySecondsIsWithinTheMinuteLimitsRetryAfter() {
    http = new TestServer(find.overQuota(42));

    HttpResponse<String> response =
        http.get("/api/files/" + Machines.SHA1 + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
  }

  @Test
  void secondConnectorSendsTopWithTrailingAmpersandForEveryHashKind() {
    http = new TestServer(find);

    for (String hash : List.of(Machines.SHA1, Machines.SHA256, Machines.MD5)) {
      HttpResponse<String> response =
          http.get("/api/files/" + hash + "/machines?$top=100&", StubAuthenticate.GOOD);

      assertThat(secondConnectorError(response)).as(hash).isNull();
      JsonNode body = TestServer.json(response);
      JsonNode value = body.has("value") ? body.get("value") : Json.MAPPER.createArrayNode();
      assertThat(value).as(hash).hasSize(2);
    }
  }

  @Test
  void secondConnectorFormatsErrorsFromCodeAndMessage() {
    http = new TestServer(find);

    HttpResponse<String> response =
        http.get("/api/files/not-a-hash/machines?$top=100&", StubAuthenticate.GOOD);

    assertThat(secondConnectorError(response))
        .isEqualTo("InvalidHashValue: Hash value not-a-hash is invalid");
  }

  /** First connector: non-2xx becomes "Error in API call [status] - reason" and the body. */
  private static String firstConnectorError(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    String reason = status == 404 ? "Not Found" : "HTTP " + status;
    return "Error in API call [" + status + "] - " + reason + "\n" + response.body();
  }

  /** Second connector: errors become "code: message" read from the body. */
  private static String secondConnectorError(HttpResponse<String> response) {
    if (response.statusCode() < 400) {
      return null;
    }
    JsonNode error = TestServer.json(response).get("error");
    return error.get("code").asText() + ": " + error.get("message").asText();
  }
}
