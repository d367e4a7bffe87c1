package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.domain.FileHash;
import io.filesight.domain.MachineProperty;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelatedMachinesEndpointTest {
  private static final String PATH = "/api/files/" + Machines.SHA1 + "/machines";

  private static final String BARE = "00000000000000000000000000000000000000b7";
  private static final String LARGE = "000000000000000000000000000000000000001a";
  private static final String MEDIUM = "000000000000000000000000000000000000002b";
  private static final StubFind FIND =
      new StubFind()
          .seen(Machines.FILE, List.of(Machines.full()))
          .seen(FileHash.parse(BARE), List.of(Machines.bare(7)))
          .seen(FileHash.parse(LARGE), Machines.bare(0, 10_000))
          .seen(FileHash.parse(MEDIUM), Machines.bare(0, 40));
  private static TestServer shared;

  private final StubFind find = FIND;
  private TestServer http;
  private TestServer own;

  @BeforeAll
  static void start() {
    shared = new TestServer(FIND);
  }

  @AfterAll
  static void stopShared() {
    shared.close();
  }

  @BeforeEach
  void useShared() {
    FIND.reset();
    http = shared;
  }

  @AfterEach
  void stopOwn() {
    if (own != null) {
      own.close();
    }
  }

  @Test
  void knownFileAnswers200WithTheODataEnvelopeAndHeaders() {

    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8");
    assertThat(response.headers().firstValue("OData-Version")).hasValue("4.0");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("request-id")).get().asString().hasSize(36);
    assertThat(response.headers().firstValue("Server")).isEmpty();
    JsonNode body = TestServer.json(response);
    assertThat(fieldNames(body)).containsExactly("@odata.context", "value");
    assertThat(body.get("@odata.context").asText())
        .isEqualTo("http://127.0.0.1/api/$metadata#Machines");
    assertThat(body.get("value")).hasSize(1);
  }

  @Test
  void machineCarriesEveryKeyInDefendersOrderWithDefendersValues() {

    JsonNode machine = TestServer.json(http.get(PATH, StubAuthenticate.GOOD)).get("value").get(0);

    assertThat(fieldNames(machine))
        .containsExactlyElementsOf(
            MachineProperty.ALL.stream().map(MachineProperty::name).toList());
    assertThat(machine.get("id").asText()).isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
    assertThat(machine.get("mergedIntoMachineId").isNull()).isTrue();
    assertThat(machine.get("isExcluded").isBoolean()).isTrue();
    assertThat(machine.get("firstSeen").asText()).isEqualTo("2024-03-01T08:15:02.1234567Z");
    assertThat(machine.get("lastSeen").asText()).isEqualTo("2024-03-07T11:20:00Z");
    assertThat(machine.get("osVersion").isNull()).isTrue();
    assertThat(machine.get("osBuild").isIntegralNumber()).isTrue();
    assertThat(machine.get("osBuild").asLong()).isEqualTo(22631L);
    assertThat(machine.get("healthStatus").asText()).isEqualTo("Active");
    assertThat(machine.get("rbacGroupId").isIntegralNumber()).isTrue();
    assertThat(machine.get("rbacGroupId").asLong()).isEqualTo(140L);
    assertThat(machine.get("osArchitecture").asText()).isEqualTo("64-bit");
    assertThat(machine.get("machineTags").toString()).isEqualTo("[\"test tag 1\",\"ExampleTag\"]");
    JsonNode loopback = machine.get("ipAddresses").get(1);
    assertThat(fieldNames(loopback))
        .containsExactly("ipAddress", "macAddress", "type", "operationalStatus");
    assertThat(loopback.get("macAddress").isNull()).isTrue();
    assertThat(fieldNames(machine.get("vmMetadata")))
        .containsExactly("vmId", "cloudProvider", "resourceId", "subscriptionId");
  }

  @Test
  void bareMachineWritesNullsInsteadOfOmittingKeys() {
    JsonNode machine =
        TestServer.json(http.get("/api/files/" + BARE + "/machines", StubAuthenticate.GOOD))
            .get("value")
            .get(0);

    assertThat(fieldNames(machine))
        .containsExactlyElementsOf(
            MachineProperty.ALL.stream().map(MachineProperty::name).toList());
    assertThat(machine.get("firstSeen").isNull()).isTrue();
    assertThat(machine.get("osBuild").isNull()).isTrue();
    assertThat(machine.get("vmMetadata").isNull()).isTrue();
    assertThat(machine.get("rbacGroupId").asLong()).isZero();
    assertThat(machine.get("rbacGroupName").isNull()).isTrue();
    assertThat(machine.get("machineTags").isArray()).isTrue();
    assertThat(machine.get("machineTags")).isEmpty();
  }

  @Test
  void uppercaseHexIsTheSameFile() {

    HttpResponse<String> response =
        http.get("/api/files/" + Machines.SHA1.toUpperCase() + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(response).get("value")).hasSize(1);
  }

  @Test
  void unknownFileAnswers404ByDefault() {
    String unknown = "0000000000000000000000000000000000000000";

    HttpResponse<String> response =
        http.get("/api/files/" + unknown + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = TestServer.json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("NotFound");
    assertThat(error.get("message").asText()).isEqualTo("File " + unknown + " was not found");
    assertThat(error.get("target").asText())
        .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
  }

  @Test
  void unknownFileAnswers200EmptyWhenConfiguredEmpty() {
    http =
        own = new TestServer(find, TestServer.settings().withUnknownFile(UnknownFileAnswer.EMPTY));

    HttpResponse<String> response =
        http.get(
            "/api/files/0000000000000000000000000000000000000000/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"@odata.context\":\"http://127.0.0.1/api/$metadata#Machines\",\"value\":[]}");
  }

  @Test
  void sha256AndMd5IdsArePassedToTheUseCase() {

    http.get("/api/files/" + Machines.SHA256 + "/machines", StubAuthenticate.GOOD);
    http.get("/api/files/" + Machines.MD5 + "/machines", StubAuthenticate.GOOD);

    assertThat(find.calls)
        .extracting(StubFind.Call::fileId)
        .containsExactly(Machines.SHA256, Machines.MD5);
  }

  @Test
  void baseUrlComesFromTheRequestWhenNotConfigured() {
    http = own = new TestServer(find, HttpSettings.defaults().withPort(0));

    JsonNode body = TestServer.json(http.get(PATH, StubAuthenticate.GOOD));

    assertThat(body.get("@odata.context").asText())
        .isEqualTo("http://127.0.0.1:" + http.server.port() + "/api/$metadata#Machines");
  }

  @Test
  void configuredBaseUrlIsWrittenWithoutADoubleSlash() {
    http =
        own =
            new TestServer(
                find,
                TestServer.settings().withBaseUrl(URI.create("https://filesight.example.com/")));

    JsonNode body = TestServer.json(http.get(PATH, StubAuthenticate.GOOD));

    assertThat(body.get("@odata.context").asText())
        .isEqualTo("https://filesight.example.com/api/$metadata#Machines");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {

    HttpResponse<String> anonymous = http.send("HEAD", PATH, null);
    HttpResponse<String> known = http.send("HEAD", PATH, StubAuthenticate.GOOD);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEmpty();
  }

  @Test
  void largeAnswersAreStreamedCompletely() {
    HttpResponse<String> response =
        http.get("/api/files/" + LARGE + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    JsonNode value = TestServer.json(response).get("value");
    assertThat(value).hasSize(10_000);
    assertThat(value.get(9_999).get("id").asText()).isEqualTo(String.format("%040x", 9_999));
  }

  @Test
  void smallAnswersAreSentWholeWithTheirLength() {
    HttpResponse<String> response = http.get(PATH, StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length"))
        .hasValue(
            Integer.toString(
                response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    assertThat(TestServer.json(response).get("value")).isNotEmpty();
  }

  @Test
  void answersLargerThanOnePieceButWithinJettysBufferKeepTheirLength() {
    HttpResponse<String> response =
        http.get("/api/files/" + MEDIUM + "/machines", StubAuthenticate.GOOD);

    int length = response.body().getBytes(StandardCharsets.UTF_8).length;
    // Several of the pieces the answer is handed over in, and less than Jetty's 32 KB buffer.
    assertThat(length).isBetween(2 * 8 * 1024, 32 * 1024);
    assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(length));
    assertThat(TestServer.json(response).get("value")).hasSize(40);
  }

  @Test
  void aClientAcceptingGzipGetsTheSameAnswerCompressed() throws IOException {
    HttpResponse<String> plain =
        http.get("/api/files/" + MEDIUM + "/machines", StubAuthenticate.GOOD);
    HttpResponse<byte[]> zipped =
        http.sendForBytes(
            HttpRequest.newBuilder(http.uri("/api/files/" + MEDIUM + "/machines"))
                .header("Authorization", StubAuthenticate.GOOD)
                .header("Accept-Encoding", "gzip")
                .build());

    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(zipped.body().length));
    try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      String body = new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
      // The request id differs; the body does not carry it.
      assertThat(body).isEqualTo(plain.body());
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Optional<String> header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name);
  }
}
