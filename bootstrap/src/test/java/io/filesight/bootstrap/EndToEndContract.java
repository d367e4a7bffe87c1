package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.service.AuthenticateCallerService;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real request through the whole hexagon: real server on port 0, a database with a few
 * machines, sightings and an access configuration imported as {@code filesight import} does, a
 * generated key and signed tokens. Run on each engine: the answers, the access matrix included, are
 * the same on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
  static final String TENANT = "0f0e0d0c-0b0a-0908-0706-050403020100";
  static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  static final String SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String ONLY_IN_LABS = "2222222222222222222222222222222222222222";
  static final String UNGROUPED_ONLY = "3333333333333333333333333333333333333333";
  static final String UNKNOWN = "0000000000000000000000000000000000000001";

  static final String M_FINANCE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
  static final String M_LABS = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2";
  static final String M_OPEN = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3";
  static final String M_UNGROUPED = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4";

  static final String FINANCE_USERS = "11111111-0000-0000-0000-000000000001";
  static final String LAB_USERS = "11111111-0000-0000-0000-000000000002";
  static final String NO_ROLE_USERS = "11111111-0000-0000-0000-000000000003";

  FilesightServer server;
  DevelopmentTokens tokens;
  final HttpClient http = HttpClient.newHttpClient();

  /**
   * A test server's settings: loopback, any free port, tokens of {@code tenant} signed by the keys
   * of {@code jwks}, {@code cachedMachines} machines kept per cache.
   */
  static ServerSettings serverSettings(
      DatabaseLocation database, String tenant, Path jwks, int cachedMachines) {
    return new ServerSettings(
        database,
        Duration.ofSeconds(30),
        Duration.ZERO,
        new TokenSettings(
            tenant, TokenSettings.DEFAULT_AUDIENCES, JwksSource.file(jwks), Duration.ofSeconds(60)),
        new HttpSettings(
            "127.0.0.1",
            0,
            Optional.empty(),
            UnknownFileAnswer.NOT_FOUND,
            false,
            Duration.ofSeconds(5),
            cachedMachines,
            HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
            HttpSettings.DEFAULT_HEADER_TIMEOUT,
            HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
            HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS),
        cachedMachines);
  }

  /** The database the server imports into and serves, fresh for this class. */
  abstract DatabaseLocation database(Path dir);

  static String machine(String id, long group, String groupName, String name) {
    String groupJson = groupName == null ? "null" : "\"" + groupName + "\"";
    return "{\"id\":\""
        + id
        + "\",\"computerDnsName\":\""
        + name
        + "\",\"firstSeen\":\"2024-03-01T08:15:02.1234567Z\",\"lastSeen\":\"2026-11-01T10:00:00Z\","
        + "\"osPlatform\":\"Windows11\",\"osProcessor\":\"x64\",\"version\":\"23H2\","
        + "\"lastIpAddress\":\"10.0.0.5\",\"lastExternalIpAddress\":\"203.0.113.7\","
        + "\"agentVersion\":\"10.8470.19041.2788\",\"osBuild\":22631,\"healthStatus\":\"Active\","
        + "\"rbacGroupId\":"
        + group
        + ",\"rbacGroupName\":"
        + groupJson
        + ",\"riskScore\":\"Low\",\"exposureLevel\":\"Medium\",\"isAadJoined\":true,"
        + "\"machineTags\":[\"e2e\"],\"onboardingStatus\":\"Onboarded\",\"ipAddresses\":[]}";
  }

  @BeforeAll
  void startServer(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    DatabaseLocation database = database(dir);
    importData(dir, database);

    server =
        FilesightServer.start(
            serverSettings(
                database,
                TENANT,
                keys.resolve("jwks.json"),
                ServerSettings.defaultCachedMachines()));
  }

  /**
   * Imports the machines, sightings and access configuration the contract expects into {@code
   * database} as {@code filesight import} does, writing the import files into {@code dir}.
   */
  static void importData(Path dir, DatabaseLocation database) throws IOException {
    Path machines = dir.resolve("machines.jsonl");
    Files.write(
        machines,
        List.of(
            machine(M_FINANCE, 140, "Finance", "fin-1.contoso.local"),
            machine(M_LABS, 150, "Labs", "lab-1.contoso.local"),
            machine(M_OPEN, 160, "Open", "open-1.contoso.local"),
            machine(M_UNGROUPED, 0, null, "loose-1.contoso.local")));
    Path observations = dir.resolve("observations.csv");
    Files.write(
        observations,
        List.of(
            "Timestamp,DeviceId,DeviceName,SHA1,SHA256,MD5,FileName",
            "2026-11-01T09:00:00Z," + M_FINANCE + ",fin-1," + SHA1 + "," + SHA256 + ",,a.exe",
            "2026-11-01T09:00:00Z," + M_LABS + ",lab-1," + SHA1 + "," + SHA256 + ",,a.exe",
            "2026-11-01T09:00:00Z," + M_OPEN + ",open-1," + SHA1 + "," + SHA256 + ",,a.exe",
            "2026-11-01T09:00:00Z," + M_UNGROUPED + ",loose-1," + SHA1 + "," + SHA256 + ",,a.exe",
            "2026-11-01T09:00:00Z," + M_LABS + ",lab-1," + ONLY_IN_LABS + ",,,b.exe",
            "2026-11-01T09:00:00Z," + M_UNGROUPED + ",loose-1," + UNGROUPED_ONLY + ",,,c.exe"));
    Path access = dir.resolve("access.json");
    Files.writeString(
        access,
        "{\"machineGroups\":["
            + "{\"id\":140,\"name\":\"Finance\",\"rank\":1,\"assignedUserGroups\":[\""
            + FINANCE_USERS
            + "\"]},"
            + "{\"id\":150,\"name\":\"Labs\",\"rank\":2,\"assignedUserGroups\":[\""
            + LAB_USERS
            + "\"]},"
            + "{\"id\":160,\"name\":\"Open\",\"rank\":3,\"assignedUserGroups\":[]}],"
            + "\"roles\":[{\"name\":\"Tier 1\",\"permissions\":[\"ViewData\"],\"assignedUserGroups\":[\""
            + FINANCE_USERS
            + "\",\""
            + LAB_USERS
            + "\"]}]}");
    try (FilesightStore store = FilesightStore.open(database, Duration.ofSeconds(30))) {
      store.importMachines(machines, ImportOptions.defaults(), ImportListener.silent());
      store.importObservations(observations, ImportOptions.defaults(), ImportListener.silent());
      store.replaceAccess(access);
    }
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  String appToken(String appId, String... roles) {
    return tokens.application(TENANT, appId, List.of(roles), Duration.ofMinutes(10));
  }

  String userToken(String user, List<String> scopes, String... groups) {
    return tokens.delegated(
        TENANT, "delegated-app-" + user, user, scopes, List.of(groups), Duration.ofMinutes(10));
  }

  HttpResponse<String> get(String fileId, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/files/" + fileId + "/machines"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsShowTheEnginesConnectionPoolsAndWhatWasImported() throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    for (String pool : connectionPools()) {
      assertThat(
              ServerMetricsTest.value(metrics, "hikaricp_connections_max{pool=\"" + pool + "\"}"))
          .as(pool)
          .isPositive();
    }
    assertThat(
            ServerMetricsTest.value(metrics, "filesight_import_records_total{kind=\"machines\"}"))
        .isEqualTo(4);
    assertThat(
            ServerMetricsTest.value(
                metrics, "filesight_last_import_timestamp_seconds{kind=\"observations\"}"))
        .isPositive();
  }

  /** The names of the engine's connection pools. */
  abstract List<String> connectionPools();

  @Test
  void knownSha1Answers200WithItsMachines() throws Exception {
    HttpResponse<String> response = get(SHA1, appToken("e2e-app-1", "Machine.Read.All"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "\"@odata.context\":\"http://127.0.0.1:" + server.port() + "/api/$metadata#Machines\"")
        .contains(M_FINANCE, M_LABS, M_OPEN, M_UNGROUPED)
        .contains("\"computerDnsName\":\"fin-1.contoso.local\"")
        .contains("\"rbacGroupId\":140");
  }

  @Test
  void sha256OfTheSameFileFindsTheSameMachines() throws Exception {
    HttpResponse<String> response = get(SHA256, appToken("e2e-app-2", "Machine.ReadWrite.All"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(M_FINANCE, M_LABS, M_OPEN, M_UNGROUPED);
  }

  @Test
  void unknownSha1Answers404NotFound() throws Exception {
    HttpResponse<String> response = get(UNKNOWN, appToken("e2e-app-3", "Machine.Read.All"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"code\":\"NotFound\"");
  }

  @Test
  void malformedIdAnswers400InvalidHashValue() throws Exception {
    HttpResponse<String> response = get("xyz", appToken("e2e-app-4", "Machine.Read.All"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("\"code\":\"InvalidHashValue\"")
        .contains("Hash value xyz is invalid");
  }

  @Test
  void missingTokenAnswers401() throws Exception {
    assertUnauthorized(get(SHA1, null));
  }

  static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"code\":\"Unauthorized\"");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer error=\"invalid_token\"");
  }

  @Test
  void applicationWithoutMachinePermissionAnswers403NamingThePermissions() throws Exception {
    HttpResponse<String> response = get(SHA1, appToken("e2e-app-5", "Alert.Read.All"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"code\":\"Forbidden\"").contains("Machine.Read.All");
  }

  @Test
  void delegatedUserSeesTheirGroupsOpenGroupsAndUngroupedMachines() throws Exception {
    HttpResponse<String> response =
        get(SHA1, userToken("finance-user", List.of("Machine.Read"), FINANCE_USERS));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(M_FINANCE, M_OPEN, M_UNGROUPED).doesNotContain(M_LABS);
  }

  @Test
  void delegatedUserGetsAnEmptyAnswerForAFileSeenOnlyOutsideTheirGroups() throws Exception {
    HttpResponse<String> response =
        get(ONLY_IN_LABS, userToken("finance-user-2", List.of("Machine.ReadWrite"), FINANCE_USERS));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"value\":[]").doesNotContain(M_LABS);
  }

  @Test
  void delegatedUserWithoutViewDataAnswers403() throws Exception {
    HttpResponse<String> response =
        get(SHA1, userToken("no-role-user", List.of("Machine.Read"), NO_ROLE_USERS));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"code\":\"Forbidden\"").contains("ViewData");
  }

  /** {@code count} group ids of the shape Azure AD writes, {@code member} among them. */
  static String[] groupsWith(String member, int count) {
    List<String> groups = new ArrayList<>();
    groups.add(member);
    for (long i = 1; groups.size() < count; i++) {
      groups.add(new UUID(0x0123_4567_89ab_4defL, 0x8000_0000_0000_0000L | i).toString());
    }
    return groups.toArray(String[]::new);
  }

  @Test
  void delegatedUserInTwoHundredGroupsIsServed() throws Exception {
    // Azure AD lists up to 200 groups in a token; beyond that it sends an overage claim instead.
    String token =
        userToken("many-groups-user", List.of("Machine.Read"), groupsWith(FINANCE_USERS, 200));
    assertThat(token.length()).isGreaterThan(10 * 1024);

    HttpResponse<String> response = get(SHA1, token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(M_FINANCE, M_OPEN, M_UNGROUPED).doesNotContain(M_LABS);
  }

  @Test
  void aTokenOverTheTokenLengthCapButWithinTheHeaderLimitAnswers401() throws Exception {
    String token =
        userToken("too-many-groups-user", List.of("Machine.Read"), groupsWith(FINANCE_USERS, 315));
    assertThat(token.length())
        .isGreaterThan(AuthenticateCallerService.MAX_TOKEN_LENGTH)
        .isLessThan(HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE - 1024);

    assertUnauthorized(get(SHA1, token));
  }

  @Test
  void delegatedUserOverTheGroupLimitAnswers403NamingTheOverageAndTheRemedy() throws Exception {
    String token =
        tokens.delegatedOverGroupLimit(
            TENANT,
            "delegated-app-overage",
            "overage-user",
            List.of("Machine.Read"),
            Duration.ofMinutes(10));

    HttpResponse<String> response = get(SHA1, token);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("\"code\":\"Forbidden\"")
        .contains("groups overage claim")
        .contains("'Groups assigned to the application'")
        .doesNotContain("has no role");
  }

  @Test
  void delegatedUserWithoutDelegatedPermissionAnswers403() throws Exception {
    HttpResponse<String> response =
        get(SHA1, userToken("lab-user", List.of("User.Read"), LAB_USERS));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Machine.Read");
  }

  @Test
  void delegatedUserInNoGroupSeesOnlyOpenAndUngroupedMachinesIfTheyHaveViewData() throws Exception {
    HttpResponse<String> noGroups =
        get(UNGROUPED_ONLY, userToken("lonely-user", List.of("Machine.Read")));

    // No user group: no role either, so no ViewData.
    assertThat(noGroups.statusCode()).isEqualTo(403);

    HttpResponse<String> labUser =
        get(UNGROUPED_ONLY, userToken("lab-user-2", List.of("Machine.Read"), LAB_USERS));
    assertThat(labUser.statusCode()).isEqualTo(200);
    assertThat(labUser.body()).contains(M_UNGROUPED);
  }
}
