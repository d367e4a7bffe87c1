package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands, run through the {@code ./filesight} launcher exactly as a newcomer types
 * them (with small data and port 0), so the README cannot drift from what works.
 */
class ReadmeCommandsIT {
  private static final String TENANT = "8b1a9953-c461-4296-a8e9-43c6a8f2d5b1";
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final String ANALYSTS = "11111111-1111-1111-1111-111111111111";

  @TempDir Path dir;
  private ChildProcesses filesight;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void launcher() {
    filesight = ChildProcesses.launcherScript(dir);
  }

  @AfterEach
  void stop() {
    filesight.close();
  }

  private ChildProcesses.Result ok(String... args) throws Exception {
    ChildProcesses.Result result = filesight.run(args);
    assertThat(result.exitCode()).as("%s: %s", List.of(args), result.err()).isZero();
    return result;
  }

  private HttpResponse<String> get(int port, String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void generateImportKeygenTokenAndServeAsTheReadmeShows() throws Exception {
    assertThat(ok("--version").out()).startsWith("filesight ");
    ok(
        "generate",
        "--machines",
        "60",
        "--files",
        "300",
        "--observations",
        "3000",
        "--seed",
        "3",
        "--out",
        "data");
    ChildProcesses.Result machines =
        ok("import", "machines", "data/machines.jsonl", "--db", "filesight.db");
    ChildProcesses.Result observations =
        ok("import", "observations", "data/observations.csv", "--db", "filesight.db");
    // A first import says when it moves its backlog, the one step without progress.
    assertThat(observations.err().lines().filter(line -> line.contains(" INFO ")))
        .singleElement(STRING)
        .contains("moving the backlog (3,000 observations staged by this import");
    ok("import", "access", "data/access.json", "--db", "filesight.db");
    assertThat(machines.out()).contains("read 60").contains("rejected 0");
    assertThat(ok("verify", "--db", "filesight.db").out()).startsWith("ok: ");

    ok("keygen", "--out", "keys");
    String app =
        ok(
                "token",
                "--key",
                "keys",
                "--tenant",
                TENANT,
                "--app-id",
                "my-app",
                "--role",
                "Machine.Read.All")
            .out()
            .strip();
    String user =
        ok(
                "token",
                "--key",
                "keys",
                "--tenant",
                TENANT,
                "--user",
                "9d8c7b6a-0000-4000-8000-000000000001",
                "--scope",
                "Machine.Read",
                "--group",
                ANALYSTS,
                "--expires-in",
                "15m")
            .out()
            .strip();

    Process server =
        filesight.start(
            "serve",
            "--db",
            "filesight.db",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            TENANT,
            "--port",
            "0");
    int port = filesight.awaitPort(server);

    String path = "/api/files/" + SHA1 + "/machines";
    HttpResponse<String> asApp = get(port, path, app);
    HttpResponse<String> asUser = get(port, path, user);
    HttpResponse<String> paged = get(port, path + "?$top=100&$skip=100", app);
    HttpResponse<String> anonymous = get(port, path, null);

    assertThat(asApp.statusCode()).isEqualTo(200);
    assertThat(asApp.body()).contains("\"value\":[{");
    assertThat(asUser.statusCode()).isEqualTo(200);
    assertThat(paged.statusCode()).isEqualTo(200);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void serveFromAConfigFileAsTheReadmeShows() throws Exception {
    ok("keygen", "--out", "keys");
    ok("generate", "--machines", "20", "--files", "50", "--observations", "200", "--out", "data");
    ok("import", "machines", "data/machines.jsonl", "--db", "filesight.db");
    Files.write(
        dir.resolve("filesight.properties"),
        List.of(
            "db=filesight.db",
            "jwks=keys/jwks.json",
            "tenant=" + TENANT,
            "unknown-file=empty",
            "base-url=https://filesight.example.com",
            "log-format=json",
            "port=0"));
    String token = ok("token", "--key", "keys", "--tenant", TENANT).out().strip();
    assertThat(ok("check-config", "--config", "filesight.properties").out())
        .contains("unknown-file = empty")
        .contains("ok: serve would start");

    Process server = filesight.start("serve", "--config", "filesight.properties");
    int port = filesight.awaitPort(server);
    assertThat(ok("health", "--url", "http://127.0.0.1:" + port).out()).startsWith("up: ");
    assertThat(ok("backup", "--db", "filesight.db", "--out", "backup.db").out()).startsWith("ok: ");
    assertThat(ok("verify", "--db", "backup.db").out()).startsWith("ok: ");
    HttpResponse<String> unknown =
        get(port, "/api/files/0000000000000000000000000000000000000001/machines", token);

    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body())
        .isEqualTo(
            "{\"@odata.context\":\"https://filesight.example.com/api/$metadata#Machines\",\"value\":[]}");
    String requestId = unknown.headers().firstValue("request-id").orElseThrow();
    // Access lines reach stderr in batches, within a tenth of a second.
    for (int i = 0; i < 50 && !filesight.stderrOf(server).contains(requestId); i++) {
      Thread.sleep(100);
    }
    assertThat(filesight.stderrOf(server).lines())
        .as("a structured access log line for the request, without the token")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("{")
                    .contains("\"logger_name\":\"io.filesight.access\"")
                    .contains("\"requestId\":\"" + requestId + "\"")
                    .contains("\"status\":200")
                    .contains("\"tenantId\":\"" + TENANT + "\""));
    assertThat(filesight.stderrOf(server)).doesNotContain(token);
  }

  @Test
  void demoServesTheDefenderExampleThroughTheLauncher() throws Exception {
    Process demo = filesight.start("demo", "--port", "0", "--dir", "filesight-demo");
    int port = filesight.awaitPort(demo);
    String token = ok("token").out().strip(); // defaults: the demo's key, tenant and app

    HttpResponse<String> response = get(port, "/api/files/" + SHA1 + "/machines", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"computerDnsName\"");
  }
}
