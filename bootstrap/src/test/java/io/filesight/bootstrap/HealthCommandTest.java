package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filesight health}: a container health check against a real server: exit 0 on 200, 1
 * otherwise, one line either way.
 */
class HealthCommandTest {
  @TempDir Path dir;
  private Path store;
  private FilesightServer server;
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  @BeforeEach
  void startServer() throws Exception {
    store = dir.resolve("filesight.db");
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(store, true));
    DevelopmentKeys.generate(dir.resolve("keys"));
    server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                new DatabaseLocation.SqliteFile(store, false),
                EndToEndContract.TENANT,
                dir.resolve("keys").resolve("jwks.json"),
                0));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void liveServerExits0WithOneLine() {
    assertThat(health("--url", base())).isEqualTo(FilesightCli.OK);

    assertThat(stdout.toString().strip()).isEqualTo("up: " + base() + "/health/live answered 200");
    assertThat(stderr.toString()).isEmpty();
  }

  @Test
  void readyServerExits0() {
    assertThat(health("--url", base() + "/", "--ready")).isEqualTo(FilesightCli.OK);

    assertThat(stdout.toString()).contains("/health/ready answered 200");
  }

  @Test
  void startedServerExits0() {
    assertThat(health("--url", base(), "--started")).isEqualTo(FilesightCli.OK);

    assertThat(stdout.toString().strip())
        .isEqualTo("up: " + base() + "/health/started answered 200");
  }

  @Test
  void readyAndStartedTogetherExit2NamingBoth() {
    assertThat(health("--url", base(), "--ready", "--started")).isEqualTo(FilesightCli.USAGE);

    assertThat(stderr.toString()).contains("--ready").contains("--started");
    assertThat(stderr.toString().lines()).hasSize(1);
    assertThat(stdout.toString()).isEmpty();
  }

  @Test
  void serverThatIsLiveButNotReadyExits1OnlyWhenAskedForReadiness() throws Exception {
    // A deleted store takes readiness down; the process itself stays live.
    Files.delete(store);

    assertThat(health("--url", base(), "--ready")).isEqualTo(FilesightCli.FAILURE);
    assertThat(stderr.toString().strip())
        .isEqualTo("filesight: " + base() + "/health/ready answered 503");

    stderr.getBuffer().setLength(0);
    assertThat(health("--url", base())).isEqualTo(FilesightCli.OK);
  }

  @Test
  void noServerExits1() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    assertThat(health("--url", "http://127.0.0.1:" + closed, "--timeout", "2s"))
        .isEqualTo(FilesightCli.FAILURE);
    assertThat(stderr.toString()).contains("127.0.0.1:" + closed).contains("no answer");
    assertThat(stderr.toString().lines()).hasSize(1);
  }

  @Test
  void serverThatNeverAnswersExits1AfterTheTimeout() throws Exception {
    // Accepts the connection (the backlog) but never reads or answers.
    try (ServerSocket silent = new ServerSocket(0)) {
      assertThat(health("--url", "http://127.0.0.1:" + silent.getLocalPort(), "--timeout", "300ms"))
          .isEqualTo(FilesightCli.FAILURE);
    }
    assertThat(stderr.toString()).contains("no answer within 300 ms");
  }

  @Test
  void badUrlExits2() {
    assertThat(health("--url", "127.0.0.1:8080")).isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--url");
  }

  @Test
  void urlFromTheEnvironment() {
    int code =
        FilesightCli.run(
            Map.of("FILESIGHT_URL", base()),
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true),
            "health");

    assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.OK);
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private int health(String... args) {
    List<String> argv = new ArrayList<>(List.of("health"));
    argv.addAll(List.of(args));
    return FilesightCli.run(
        Map.of(),
        new PrintWriter(stdout, true),
        new PrintWriter(stderr, true),
        argv.toArray(String[]::new));
  }
}
