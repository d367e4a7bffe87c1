package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.imports.generate.DemoDataGenerator;
import io.filesight.bootstrap.cli.DemoCommand;
import io.filesight.bootstrap.lifecycle.DemoData;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays, against {@code filesight demo}'s data and settings, the requests Cortex XSOAR's
 * "Microsoft Defender for Endpoint" integration (demisto/content,
 * Packs/MicrosoftDefenderAdvancedThreatProtection) sends, and reads the answers as it does: its
 * "Test" ({@code test_module}: {@code GET /alerts} with {@code params={'$top': '1'}}), its incident
 * fetching ({@code list_alerts}: {@code $expand}, {@code $filter}, {@code $top}) and {@code
 * microsoft-atp-get-file-related-machines} ({@code GET /files/{hash}/machines}, then {@code
 * response['value']} through {@code get_machine_data}). The integration appends {@code /api} to its
 * URL setting, sends its requests through Python's {@code requests} (query parameters form-encoded,
 * so {@code $top} travels as {@code %24top}) with the headers of its {@code MicrosoftClient}.
 * Tokens carry the audiences Azure AD issues for the resource it requests: v1 {@code
 * https://securitycenter.onmicrosoft.com/windowsatpservice}, v2 the WindowsDefenderATP app id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XsoarIntegrationReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** get_machine_data: the context key and the machine property it copies. */
  private static final Map<String, String> CONTEXT_FIELDS = new LinkedHashMap<>();

  static {
    CONTEXT_FIELDS.put("ID", "id");
    CONTEXT_FIELDS.put("ComputerDNSName", "computerDnsName");
    CONTEXT_FIELDS.put("FirstSeen", "firstSeen");
    CONTEXT_FIELDS.put("LastSeen", "lastSeen");
    CONTEXT_FIELDS.put("OSPlatform", "osPlatform");
    CONTEXT_FIELDS.put("OSVersion", "version");
    CONTEXT_FIELDS.put("OSProcessor", "osProcessor");
    CONTEXT_FIELDS.put("LastIPAddress", "lastIpAddress");
    CONTEXT_FIELDS.put("LastExternalIPAddress", "lastExternalIpAddress");
    CONTEXT_FIELDS.put("AgentVersion", "agentVersion");
    CONTEXT_FIELDS.put("OSBuild", "osBuild");
    CONTEXT_FIELDS.put("HealthStatus", "healthStatus");
    CONTEXT_FIELDS.put("RBACGroupID", "rbacGroupId");
    CONTEXT_FIELDS.put("RBACGroupName", "rbacGroupName");
    CONTEXT_FIELDS.put("RiskScore", "riskScore");
    CONTEXT_FIELDS.put("ExposureLevel", "exposureLevel");
    CONTEXT_FIELDS.put("AADDeviceID", "aadDeviceId");
    CONTEXT_FIELDS.put("IsAADJoined", "isAadJoined");
    CONTEXT_FIELDS.put("MachineTags", "machineTags");
    CONTEXT_FIELDS.put("IPAddresses", "ipAddresses");
  }

  /** The columns of the war-room table it prints. */
  private static final List<String> TABLE_HEADERS =
      List.of(
          "ID",
          "ComputerDNSName",
          "OSPlatform",
          "LastIPAddress",
          "LastExternalIPAddress",
          "HealthStatus",
          "RiskScore",
          "ExposureLevel");

  private final HttpClient http = HttpClient.newHttpClient();
  private FilesightServer server;
  private DevelopmentTokens tokens;
  private String sha256;
  private String md5;
  private Set<String> machinesOfTheFile;

  @BeforeAll
  void startTheDemo(@TempDir Path dir) throws IOException {
    Path demo = dir.resolve("filesight-demo");
    DemoData.prepare(demo, new PrintWriter(new StringWriter()));
    tokens = new DevelopmentTokens(DevelopmentKeys.load(demo.resolve("keys")));
    readTheDemoFile(demo.resolve("data").resolve("observations.csv"));
    server = FilesightServer.start(DemoCommand.serverSettings(demo, 0, false));
  }

  /** The demo file's other hashes and its machines, as the generated export lists them. */
  private void readTheDemoFile(Path observations) throws IOException {
    List<String> lines = Files.readAllLines(observations, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    int device = header.indexOf("DeviceId");
    int sha1Column = header.indexOf("SHA1");
    machinesOfTheFile = new TreeSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells[sha1Column].equals(DemoDataGenerator.DEMO_SHA1)) {
        machinesOfTheFile.add(cells[device]);
        sha256 = cells[header.indexOf("SHA256")];
        md5 = cells[header.indexOf("MD5")];
      }
    }
    assertThat(machinesOfTheFile).isNotEmpty();
    assertThat(sha256).hasSize(64);
    assertThat(md5).hasSize(32);
  }

  @AfterAll
  void stopTheDemo() {
    if (server != null) {
      server.close();
    }
  }

  /** The integration's URL setting as an operator pastes it, with a trailing slash. */
  private String baseUrl() {
    String url = "http://127.0.0.1:" + server.port() + "/";
    return url.replaceAll("/+$", "") + "/api";
  }

  private String token(String audience, String appId) {
    return tokens
        .forAudience(audience)
        .application(
            DemoCommand.DEMO_TENANT, appId, List.of("Machine.Read.All"), Duration.ofMinutes(10));
  }

  /** What MicrosoftClient.http_request sends through requests: its headers, form-encoded params. */
  private Answer request(String token, String urlSuffix, Map<String, String> params)
      throws Exception {
    String query =
        params.entrySet().stream()
            .map(p -> formEncode(p.getKey()) + "=" + formEncode(p.getValue()))
            .collect(Collectors.joining("&"));
    String url =
        baseUrl() + "/" + urlSuffix.replaceAll("^/+", "") + (query.isEmpty() ? "" : "?" + query);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .GET()
            .header("User-Agent", "python-requests/2.32.3")
            .header("Accept-Encoding", "gzip, deflate")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    // BaseClient._http_request raises "Error in API call [status] - reason" on anything else.
    return new Answer(response.statusCode(), JSON.readTree(body));
  }

  private static String formEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private record Answer(int status, JsonNode json) {}

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://securitycenter.onmicrosoft.com/windowsatpservice",
        "fc780465-2017-40d4-a0c5-307022471b92"
      })
  void theTestButtonPasses(String audience) throws Exception {
    Answer answer =
        request(token(audience, "xsoar-test-" + audience.length()), "/alerts", Map.of("$top", "1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("value").isArray()).isTrue();
    assertThat(answer.json().get("value")).isEmpty();
    assertThat(answer.json().get("@odata.context").asText()).endsWith("/api/$metadata#Alerts");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://securitycenter.onmicrosoft.com/windowsatpservice",
        "fc780465-2017-40d4-a0c5-307022471b92"
      })
  void fetchingIncidentsFindsNoAlertsWithoutFailing(String audience) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("$expand", "evidence");
    params.put(
        "$filter",
        "alertCreationTime gt "
            + Instant.parse("2026-12-02T02:00:00Z")
            + " and (severity eq 'High' or severity eq 'Medium') and status eq 'New'");
    params.put("$top", "50");

    Answer answer = request(token(audience, "xsoar-fetch-" + audience.length()), "/alerts", params);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("value")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://securitycenter.onmicrosoft.com/windowsatpservice",
        "fc780465-2017-40d4-a0c5-307022471b92"
      })
  void fileRelatedMachinesBySha1Sha256AndMd5FillTheContextTheIntegrationBuilds(String audience)
      throws Exception {
    String token = token(audience, "xsoar-files-" + audience.length());
    List<String> files = List.of(DemoDataGenerator.DEMO_SHA1, sha256, md5);
    List<Map<String, Object>> contextOutputs = new ArrayList<>();

    for (String file : files) {
      Answer answer = request(token, "/files/" + file + "/machines", Map.of());
      assertThat(answer.status()).as(file).isEqualTo(200);
      List<Map<String, JsonNode>> machines = new ArrayList<>();
      for (JsonNode machine : answer.json().get("value")) { // machines_response['value']
        machines.add(machineData(machine));
      }
      contextOutputs.add(Map.of("File", file, "Machines", machines));
    }

    for (Map<String, Object> output : contextOutputs) {
      @SuppressWarnings("unchecked")
      List<Map<String, JsonNode>> machines = (List<Map<String, JsonNode>>) output.get("Machines");
      assertThat(machines.stream().map(m -> m.get("ID").asText()))
          .as("%s", output.get("File"))
          .containsExactlyInAnyOrderElementsOf(machinesOfTheFile);
      for (Map<String, JsonNode> machine : machines) {
        assertThat(machine).containsKeys(TABLE_HEADERS.toArray(String[]::new));
        JsonNode osBuild = machine.get("OSBuild");
        assertThat(osBuild == null || osBuild.isIntegralNumber()).isTrue();
        assertThat(machine.get("ID").asText()).matches("[0-9a-f]{40}");
        assertThat(machine.get("ComputerDNSName").asText()).isNotBlank();
        assertThat(Instant.parse(machine.get("FirstSeen").asText()))
            .isBeforeOrEqualTo(Instant.parse(machine.get("LastSeen").asText()));
        assertThat(machine.get("RBACGroupID").isIntegralNumber()).isTrue();
        assertThat(machine.get("IsAADJoined").isBoolean()).isTrue();
        for (JsonNode ip : machine.getOrDefault("IPAddresses", JSON.createArrayNode())) {
          // parse_ip_addresses indexes these four
          assertThat(ip.has("ipAddress") && ip.has("macAddress")).isTrue();
          assertThat(ip.has("type") && ip.has("operationalStatus")).isTrue();
        }
      }
    }
  }

  /**
   * get_machine_data: the fields it copies, through assign_params, which drops the empty ones
   * (None, '', [] and {}).
   */
  private static Map<String, JsonNode> machineData(JsonNode machine) {
    Map<String, JsonNode> data = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : CONTEXT_FIELDS.entrySet()) {
      JsonNode value = machine.get(field.getValue()); // machine.get(...): None when absent
      boolean empty =
          value == null
              || value.isNull()
              || (value.isTextual() && value.asText().isEmpty())
              || (value.isContainerNode() && value.isEmpty());
      if (!empty) {
        data.put(field.getKey(), value);
      }
    }
    return data;
  }
}
