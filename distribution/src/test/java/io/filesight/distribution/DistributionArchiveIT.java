package io.filesight.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator installs it: checked against its checksum, unpacked with
 * tar, and run through its launcher, a child process per command.
 */
class DistributionArchiveIT {
  private static final Path ARCHIVE = Path.of(System.getProperty("filesight.archive"));
  private static final String TENANT = "0f0e0d0c-0b0a-0908-0706-050403020100";
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final String MACHINE = "1111111111111111111111111111111111111111";

  @TempDir static Path unpacked;
  private static Path home;

  @TempDir Path work;
  private final List<Process> started = new ArrayList<>();
  private final List<ProcessHandle> children = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void unpackTheArchiveWithTar() throws Exception {
    assertThat(ARCHIVE).as("built by mvn package before this test").isRegularFile();
    Result tar =
        runIn(unpacked, Map.of(), List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
    assertThat(tar.exitCode()).as(tar.err()).isZero();
    String name = ARCHIVE.getFileName().toString();
    home = unpacked.resolve(name.substring(0, name.length() - ".tar.gz".length()));
  }

  @AfterEach
  void killLeftovers() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void archiveMatchesTheChecksumBesideItInSha256sumFormat() throws Exception {
    Path checksum = ARCHIVE.resolveSibling(ARCHIVE.getFileName() + ".sha256");
    String expected = sha256(ARCHIVE) + "  " + ARCHIVE.getFileName() + "\n";
    assertThat(Files.readString(checksum)).isEqualTo(expected);

    Result check =
        runIn(ARCHIVE.getParent(), Map.of(), List.of("sha256sum", "-c", checksum.toString()));
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
  }

  @Test
  void archiveHoldsTheLauncherTheJarWithItsChecksumTheConfigTheUnitAndTheDockerfile()
      throws Exception {
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/filesight")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(home.resolve("conf/filesight.conf")).isRegularFile();
    assertThat(home.resolve("README.md")).isRegularFile();

    Path jar = home.resolve("lib/filesight.jar");
    assertThat(Files.readString(home.resolve("lib/filesight.jar.sha256")))
        .isEqualTo(sha256(jar) + "  filesight.jar\n");

    String unit = Files.readString(home.resolve("systemd/filesight.service"));
    assertThat(unit)
        .contains("\nUser=filesight\n")
        .contains("\nStateDirectory=filesight\n")
        .contains("\nProtectSystem=strict\n")
        .contains("\nPrivateTmp=yes\n")
        .contains("\nNoNewPrivileges=yes\n")
        .contains("\nKillSignal=SIGTERM\n")
        .contains("\nRestart=on-failure\n")
        .contains(
            "\nExecStart=/opt/filesight/bin/filesight serve --config /etc/filesight/filesight.conf\n");

    String dockerfile = Files.readString(home.resolve("Dockerfile"));
    assertThat(dockerfile)
        .containsPattern("(?m)^USER 10001")
        .containsPattern("(?m)^VOLUME /var/lib/filesight$")
        .contains("filesight\", \"health\", \"--url\", \"http://127.0.0.1:8080\"]")
        .doesNotContain("--ready");
  }

  @Test
  void sbomIsCycloneDxListingTheLibrariesInsideTheJar() throws Exception {
    try (var entries = Files.list(home.resolve("sbom"))) {
      List<Path> boms = entries.toList();
      assertThat(boms).hasSize(1);
      String bom = Files.readString(boms.get(0));
      assertThat(bom)
          .containsPattern("\"bomFormat\"\\s*:\\s*\"CycloneDX\"")
          .containsPattern("\"purl\"\\s*:\\s*\"pkg:maven/org\\.xerial/sqlite-jdbc@[^\"]+\"")
          .containsPattern("\"purl\"\\s*:\\s*\"pkg:maven/org\\.eclipse\\.jetty/jetty-server@")
          .containsPattern("\"purl\"\\s*:\\s*\"pkg:maven/com\\.nimbusds/nimbus-jose-jwt@")
          .containsPattern("\"purl\"\\s*:\\s*\"pkg:maven/io\\.filesight/bootstrap@")
          .as("test libraries are not shipped")
          .doesNotContain("pkg:maven/org.junit")
          .doesNotContain("pkg:maven/org.assertj");
    }
  }

  @Test
  void exampleConfigurationHasAKeyForEveryServeOption() throws Exception {
    Result help = launcher(Map.of(), "serve", "--help");
    assertThat(help.exitCode()).as(help.err()).isZero();
    Set<String> options = new TreeSet<>();
    Matcher option = Pattern.compile("--([a-z][a-z-]+)").matcher(help.out());
    while (option.find()) {
      options.add(option.group(1));
    }
    options.removeAll(Set.of("help", "version", "config"));
    options.addAll(Set.of("db-user", "db-password"));
    assertThat(options).contains("db", "jwks", "tenant", "port");

    String config = Files.readString(home.resolve("conf/filesight.conf"));
    for (String key : options) {
      assertThat(config)
          .as("conf/filesight.conf names " + key)
          .containsPattern("(?m)^#?" + key + "=");
    }
    Properties active = new Properties();
    active.load(new java.io.StringReader(config));
    assertThat(active.stringPropertyNames())
        .as("only keys of serve, and those set are where the unit keeps its state")
        .isSubsetOf(options);
    assertThat(active.getProperty("db")).isEqualTo("/var/lib/filesight/filesight.db");
  }

  @Test
  void serveFromTheArchiveWithItsConfigAnswersALookupAndExitsZeroOnSigterm() throws Exception {
    Files.writeString(
        work.resolve("machines.jsonl"),
        "{\"id\":\""
            + MACHINE
            + "\",\"computerDnsName\":\"host-1.contoso.local\","
            + "\"firstSeen\":\"2024-01-01T00:00:00Z\",\"lastSeen\":\"2026-01-01T00:00:00Z\","
            + "\"osPlatform\":\"Windows11\",\"healthStatus\":\"Active\",\"rbacGroupId\":0,"
            + "\"onboardingStatus\":\"Onboarded\"}\n");
    Files.writeString(
        work.resolve("observations.csv"),
        "Timestamp,DeviceId,SHA1\n2026-01-01T00:00:00Z," + MACHINE + "," + SHA1 + "\n");
    assertSucceeds(launcher(Map.of(), "import", "machines", "machines.jsonl", "--db", "store.db"));
    assertSucceeds(
        launcher(Map.of(), "import", "observations", "observations.csv", "--db", "store.db"));
    assertSucceeds(launcher(Map.of(), "keygen", "--out", "keys"));
    Result token = launcher(Map.of(), "token", "--key", "keys", "--tenant", TENANT);
    assertSucceeds(token);

    // The shipped configuration as the unit reads it; flags win over its db and port.
    Process server =
        start(
            "serve",
            "--config",
            home.resolve("conf/filesight.conf").toString(),
            "--db",
            "store.db",
            "--jwks",
            "keys/jwks.json",
            "--tenant",
            TENANT,
            "--bind",
            "127.0.0.1",
            "--port",
            "0");
    int port = awaitPort(server);
    assertThat(get(port, "/health/live", null).statusCode()).isEqualTo(200);
    awaitReady(server, port);

    HttpResponse<String> lookup =
        get(port, "/api/files/" + SHA1 + "/machines", token.out().strip());
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
    assertThat(lookup.body()).contains("\"id\":\"" + MACHINE + "\"");
    assertThat(get(port, "/api/files/" + SHA1 + "/machines", null).statusCode()).isEqualTo(401);

    server.descendants().forEach(children::add); // none while the launcher execs the JVM
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isZero();
  }

  @Test
  void launcherFindsJavaOnPathFollowsSymlinksAndPassesJavaOpts() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    Map<String, String> noJavaHome = Map.of("JAVA_HOME", "", "PATH", javaBin + ":/usr/bin:/bin");
    Result version = launcher(noJavaHome, "--version");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).contains(versionOfTheArchive());

    Path link = work.resolve("filesight");
    Files.createSymbolicLink(link, home.resolve("bin/filesight"));
    Result viaLink = runIn(work, noJavaHome, List.of(link.toString(), "--version"));
    assertThat(viaLink.exitCode()).as(viaLink.err()).isZero();
    assertThat(viaLink.out()).contains(versionOfTheArchive());

    Result badOption = launcher(Map.of("JAVA_OPTS", "-XX:+NoSuchJvmOption"), "--version");
    assertThat(badOption.exitCode()).isNotZero();
    assertThat(badOption.err()).contains("NoSuchJvmOption");
  }

  @Test
  void anotherUserThanTheOneWhoUnpackedItCanRunIt() throws Exception {
    // As under the unit's User=filesight after a root `tar x`: every file must be readable to all.
    assumeTrue("root".equals(System.getProperty("user.name")), "runuser needs root");
    Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwxr-xr-x"));

    Result version =
        runIn(
            Path.of("/"),
            javaEnvironment(Map.of()),
            List.of(
                "runuser",
                "-u",
                "nobody",
                "--",
                home.resolve("bin/filesight").toString(),
                "--version"));

    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).contains(versionOfTheArchive());
  }

  @Test
  void aJavaHomeWithoutJavaIsNamedInOneLineWithExitCodeTwo() throws Exception {
    Result result = launcher(Map.of("JAVA_HOME", work.toString()), "--version");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("JAVA_HOME=" + work).contains("bin/java");
  }

  @Test
  void noJavaOnPathAndNoJavaHomeIsOneLineWithExitCodeTwo() throws Exception {
    // A PATH with only the tools the launcher itself uses, and no java.
    Path tools = Files.createDirectory(work.resolve("tools"));
    for (String tool : List.of("dirname", "readlink")) {
      Path found =
          Path.of("/usr/bin", tool).toFile().exists()
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(tools.resolve(tool), found);
    }

    Result result = launcher(Map.of("JAVA_HOME", "", "PATH", tools.toString()), "--version");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("JAVA_HOME").contains("PATH");
  }

  private static String versionOfTheArchive() {
    String name = ARCHIVE.getFileName().toString();
    return name.substring("filesight-".length(), name.length() - ".tar.gz".length());
  }

  private static void assertSucceeds(Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }

  private Map<String, String> javaEnvironment(Map<String, String> overrides) {
    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("JAVA_OPTS", "-Xmx256m");
    environment.putAll(overrides);
    return environment;
  }

  private Result launcher(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/filesight").toString()));
    command.addAll(List.of(args));
    return runIn(work, javaEnvironment(environment), command);
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/filesight").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    environmentOf(builder, javaEnvironment(Map.of()));
    builder.redirectError(work.resolve("server.err").toFile());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static void environmentOf(ProcessBuilder builder, Map<String, String> environment) {
    environment.forEach(
        (name, value) -> {
          if (value.isEmpty()) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
  }

  private static Result runIn(Path dir, Map<String, String> environment, List<String> command)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    environmentOf(builder, environment);
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder err = new StringBuilder();
    Thread errors = new Thread(() -> err.append(readAll(process.getErrorStream())));
    errors.start();
    String out = readAll(process.getInputStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: %s", command).isTrue();
    errors.join(10_000);
    return new Result(process.exitValue(), out, err.toString());
  }

  private static String readAll(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private int awaitPort(Process server) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    Pattern port = Pattern.compile("serving on port (\\d+)");
    for (int waited = 0; waited < 120; waited++) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        Matcher matcher = port.matcher(line);
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
      } else {
        assertThat(server.isAlive()).as(serverErrors()).isTrue();
      }
    }
    throw new AssertionError("the server never printed its port: " + serverErrors());
  }

  private void awaitReady(Process server, int port) throws Exception {
    for (int attempt = 0; attempt < 600; attempt++) {
      if (get(port, "/health/ready", null).statusCode() == 200) {
        return;
      }
      assertThat(server.isAlive()).as(serverErrors()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("the server never became ready: " + serverErrors());
  }

  private String serverErrors() {
    try {
      return Files.readString(work.resolve("server.err"));
    } catch (IOException e) {
      return "";
    }
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private record Result(int exitCode, String out, String err) {}
}
