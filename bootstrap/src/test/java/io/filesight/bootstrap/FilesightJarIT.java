package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as an operator runs it: a child process per command, real HTTP, real signals. */
class FilesightJarIT {
  private static final String EXAMPLE_SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

  @TempDir Path dir;
  private ChildProcesses processes;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void processesIn() {
    processes = ChildProcesses.shadedJar(dir);
  }

  @AfterEach
  void killLeftovers() {
    processes.close();
  }

  private Process start(String... args) throws IOException {
    return processes.start(args);
  }

  private ChildProcesses.Result run(String... args) throws Exception {
    return processes.run(args);
  }

  private int awaitPort(Process process) throws Exception {
    return processes.awaitPort(process);
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void demoThenATokenThenTheDefenderExampleRequestAnswers200WithMachines() throws Exception {
    Process demo = start("demo", "--port", "0", "--dir", "demo");
    int port = awaitPort(demo);

    ChildProcesses.Result token = run("token", "--key", "demo/keys");
    assertThat(token.exitCode()).as(token.err()).isZero();

    HttpResponse<String> response =
        get(port, "/api/files/" + EXAMPLE_SHA1 + "/machines", token.out().strip());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"value\":[{\"id\":\"").contains("\"computerDnsName\"");

    demo.destroy();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(demo.exitValue()).isZero();

    // The second run reuses the directory.
    Process again = start("demo", "--port", "0", "--dir", "demo");
    int secondPort = awaitPort(again);
    assertThat(
            get(secondPort, "/api/files/" + EXAMPLE_SHA1 + "/machines", token.out().strip())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void sigtermLetsAnInFlightRequestFinishThenExitsZero() throws Exception {
    // A file seen on 10,000 machines makes a response far larger than the socket buffers, so a
    // client that stops reading keeps the request in flight.
    int machines = 10_000;
    String hot = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
    List<String> machineLines = new ArrayList<>();
    List<String> observationLines = new ArrayList<>(List.of("Timestamp,DeviceId,SHA1"));
    for (int i = 0; i < machines; i++) {
      String id = String.format(Locale.ROOT, "%040x", i + 1);
      machineLines.add(
          "{\"id\":\""
              + id
              + "\",\"computerDnsName\":\"host-"
              + i
              + ".contoso.local\","
              + "\"firstSeen\":\"2024-01-01T00:00:00Z\",\"lastSeen\":\"2026-01-01T00:00:00Z\","
              + "\"osPlatform\":\"Windows11\",\"healthStatus\":\"Active\",\"rbacGroupId\":0,"
              + "\"onboardingStatus\":\"Onboarded\",\"machineTags\":[\""
              + "t".repeat(400)
              + "\",\""
              + "u".repeat(400)
              + "\"]}");
      observationLines.add("2026-01-01T00:00:00Z," + id + "," + hot);
    }
    Files.write(dir.resolve("machines.jsonl"), machineLines);
    Files.write(dir.resolve("observations.csv"), observationLines);
    assertThat(run("import", "machines", "machines.jsonl", "--db", "big.db").exitCode()).isZero();
    assertThat(run("import", "observations", "observations.csv", "--db", "big.db").exitCode())
        .isZero();
    assertThat(run("keygen", "--out", "keys").exitCode()).isZero();
    String tenant = "0f0e0d0c-0b0a-0908-0706-050403020100";
    ChildProcesses.Result token = run("token", "--key", "keys", "--tenant", tenant);

    Process server =
        start(
            "serve",
            "--db",
            "big.db",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            tenant,
            "--port",
            "0");
    int port = awaitPort(server);

    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream request = socket.getOutputStream();
      request.write(
          ("GET /api/files/"
                  + hot
                  + "/machines HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + token.out().strip()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      InputStream response = socket.getInputStream();
      byte[] first = response.readNBytes(1024);
      assertThat(new String(first, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");

      server.destroy(); // SIGTERM while the response is far from written
      Thread.sleep(1000);
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .as("new connections are refused while draining")
          .isInstanceOf(ConnectException.class);

      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      response.transferTo(rest);
      String body =
          new String(first, StandardCharsets.UTF_8) + rest.toString(StandardCharsets.UTF_8);
      assertThat(body.strip()).endsWith("]}");
      assertThat(body.split("\"computerDnsName\"", -1)).hasSize(machines + 1);
    }
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isZero();
  }

  @Test
  void badConfigurationExitsTwoWithOneLineNamingTheSetting() throws Exception {
    ChildProcesses.Result badPort =
        run("serve", "--db", "x.db", "--jwks", "j.json", "--tenant", "t", "--port", "70000");
    ChildProcesses.Result missingDb = run("serve", "--jwks", "j.json", "--tenant", "t");
    ChildProcesses.Result badMode =
        run(
            "serve",
            "--db",
            "x.db",
            "--jwks",
            "j.json",
            "--tenant",
            "t",
            "--unknown-file",
            "maybe");

    assertThat(badPort.exitCode()).isEqualTo(2);
    assertThat(badPort.err().strip().lines()).hasSize(1);
    assertThat(badPort.err()).contains("--port");
    assertThat(missingDb.exitCode()).isEqualTo(2);
    assertThat(missingDb.err()).contains("--db").contains("FILESIGHT_DB");
    assertThat(badMode.exitCode()).isEqualTo(2);
    assertThat(badMode.err()).contains("--unknown-file");
  }

  @Test
  void aMissingDatabaseFailsFastInsteadOfBeingCreated() throws Exception {
    assertThat(run("keygen", "--out", "keys").exitCode()).isZero();

    ChildProcesses.Result missing =
        run(
            "serve",
            "--db",
            "absent.db",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            "t",
            "--port",
            "0");

    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("absent.db");
    assertThat(dir.resolve("absent.db")).doesNotExist();
  }

  @Test
  void createMakesAnEmptyDatabaseThatServesAndAnswers404() throws Exception {
    assertThat(run("keygen", "--out", "keys").exitCode()).isZero();
    String tenant = "0f0e0d0c-0b0a-0908-0706-050403020100";
    String token = run("token", "--key", "keys", "--tenant", tenant).out().strip();

    Process server =
        start(
            "serve",
            "--db",
            "fresh.db",
            "--create",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            tenant,
            "--port",
            "0");
    int port = awaitPort(server);

    assertThat(dir.resolve("fresh.db")).exists();
    assertThat(get(port, "/health/ready", token).statusCode()).isEqualTo(200);
    assertThat(get(port, "/api/files/" + EXAMPLE_SHA1 + "/machines", token).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aCorruptDatabaseFailsFastNamingTheFile() throws Exception {
    assertThat(run("keygen", "--out", "keys").exitCode()).isZero();
    byte[] garbage = new byte[8192];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(dir.resolve("corrupt.db"), garbage);

    ChildProcesses.Result corrupt =
        run(
            "serve",
            "--db",
            "corrupt.db",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            "t",
            "--port",
            "0");

    assertThat(corrupt.exitCode()).isEqualTo(1);
    assertThat(corrupt.err()).contains("corrupt.db");
    assertThat(corrupt.err()).doesNotContain("\tat ");
    assertThat(Files.readAllBytes(dir.resolve("corrupt.db"))).isEqualTo(garbage);
  }

  @Test
  void versionAndHelpWork() throws Exception {
    ChildProcesses.Result version = run("--version");
    ChildProcesses.Result help = run("serve", "--help");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("filesight 0.1.0");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--unknown-file").contains("FILESIGHT_DB");
  }
}
