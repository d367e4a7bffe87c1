package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.Migrations;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the write lock of a SQLite store (an uncommitted write in a child JVM): a
 * server with nothing to migrate starts and serves without waiting for it; one that must migrate
 * listens meanwhile, live but not ready, and says once what it waits for; an import says once that
 * it waits, then completes, or gives up after {@code --db-wait} in one line.
 */
class WriteLockTest {
  /** Longer than any wait below: the holder lets go when the test kills it. */
  private static final String HOLD_SECONDS = "300";

  /** How long the test waits for what should take seconds. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Path file;
  private Path jwks;
  private DevelopmentTokens tokens;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> children = new ArrayList<>();
  private CompletableFuture<FilesightServer> starting;
  private LogCapture logs;

  @BeforeEach
  void keys() throws Exception {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    jwks = keys.resolve("jwks.json");
    file = dir.resolve("filesight.db");
    logs = LogCapture.install("io.filesight.access");
  }

  @AfterEach
  void stop() throws Exception {
    children.forEach(Process::destroyForcibly);
    for (Process child : children) {
      child.waitFor(30, TimeUnit.SECONDS);
    }
    if (starting != null) {
      FilesightServer server =
          starting.handle((started, failed) -> started).get(180, TimeUnit.SECONDS);
      if (server != null) {
        server.close();
      }
    }
    logs.close();
  }

  @Test
  void startWithNothingToMigrateServesWhileAnotherProcessHoldsTheWriteLock() throws Exception {
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(file, true));
    storeQuotaPolicyAsAnEarlierStartDid();
    Process holder = holdWriteLock();
    int port = freePort();

    starting = CompletableFuture.supplyAsync(() -> FilesightServer.start(settings(port, false)));

    assertThat(eventually(() -> get(port, "/health/ready", null).statusCode(), 200))
        .as("ready while the other process holds the write lock")
        .isTrue();
    HttpResponse<String> lookup =
        get(port, "/api/files/" + EndToEndContract.SHA1 + "/machines", token());
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
    assertThat(lookup.body()).contains(EndToEndContract.M_FINANCE);
    // The condition that makes this meaningful: the lock is still held by the other process.
    assertThat(holder.isAlive()).isTrue();
    assertWriteLockHeldElsewhere();
    assertThat(lockWaitLines()).isEmpty();
  }

  @Test
  void startThatMustMigrateIsLiveNotReadyAndSaysOnceWhatItWaitsFor() throws Exception {
    storeAtAnOlderSchema();
    Process holder = holdWriteLock();
    int port = freePort();

    starting = CompletableFuture.supplyAsync(() -> FilesightServer.start(settings(port, false)));

    assertThat(eventually(() -> get(port, "/health/live", null).statusCode(), 200)).isTrue();
    assertThat(eventually(() -> lockWaitLines().size(), 1)).isTrue();
    HttpResponse<String> ready = get(port, "/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("{\"name\":\"database\",\"status\":\"DOWN\"}");
    HttpResponse<String> lookup =
        get(port, "/api/files/" + EndToEndContract.SHA1 + "/machines", token());
    assertThat(lookup.statusCode()).isEqualTo(503);
    assertThat(lookup.body()).contains("\"code\":\"ServiceUnavailable\"");
    assertThat(starting).isNotDone();
    assertThat(lockWaitLines())
        .containsExactly(
            "waiting up to 90 s for another process's write lock on "
                + file.toAbsolutePath()
                + " (an import or copy running?)");

    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat(eventually(() -> get(port, "/health/ready", null).statusCode(), 200)).isTrue();
    assertThat(starting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).port()).isEqualTo(port);
    assertThat(lockWaitLines()).hasSize(1);
  }

  @Test
  void firstStartServesWhileAnotherProcessHoldsTheWriteLockAndStoresItsQuotaAfter()
      throws Exception {
    // A store that only an import wrote: no serve has stored its quota policy yet.
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(file, true));
    Process holder = holdWriteLock();
    int port = freePort();

    starting = CompletableFuture.supplyAsync(() -> FilesightServer.start(settings(port, false)));

    assertThat(starting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).port()).isEqualTo(port);
    assertThat(get(port, "/health/ready", null).statusCode()).isEqualTo(200);
    HttpResponse<String> lookup =
        get(port, "/api/files/" + EndToEndContract.SHA1 + "/machines", token());
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
    assertThat(holder.isAlive()).isTrue();
    assertWriteLockHeldElsewhere();
    assertThat(storedQuotaPolicy()).as("not stored while the lock is held").isNull();

    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat(eventually(this::storedQuotaPolicy, "100/60s,1500/3600s"))
        .as("stored once the lock is free")
        .isTrue();
  }

  @Test
  void startThatMustMigrateGivesUpAfterTheWaitWithOneLine() throws Exception {
    storeAtAnOlderSchema();
    holdWriteLock();
    int port = freePort();

    starting = CompletableFuture.supplyAsync(() -> FilesightServer.start(settings(port, true)));

    assertThatThrownBy(() -> starting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage(
            "gave up after waiting 2 s for another process's write lock on "
                + file.toAbsolutePath()
                + " (an import or copy running?); nothing already committed is lost: run this"
                + " again once it has finished");
  }

  @Test
  void importWaitingForTheLockSaysSoOnceAndCompletesWhenItIsReleased() throws Exception {
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(file, true));
    Process holder = holdWriteLock();

    Child importing =
        filesight(
            "import",
            "observations",
            "--db",
            file.toString(),
            "--db-wait",
            "120s",
            dir.resolve("observations.csv").toString());
    assertThat(importing.awaitStderr("write lock"))
        .as("the import says that it waits, while it waits")
        .isTrue();
    assertThat(holder.isAlive()).isTrue();
    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat(importing.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(importing.process().exitValue()).as(importing.stderr()).isZero();
    assertThat(importing.stdout()).containsPattern("read \\d+, inserted");
    assertThat(importing.stderrLines().stream().map(String::strip))
        .singleElement()
        .asString()
        .endsWith(
            "WARN  WriteLockWait - waiting up to 120 s for another process's write lock on "
                + file.toAbsolutePath()
                + " (an import or copy running?)");
  }

  @Test
  void importGivesUpAfterDbWaitWithOneLineAndNoStackTrace() throws Exception {
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(file, true));
    holdWriteLock();

    Child importing =
        filesight(
            "import",
            "observations",
            "--db",
            file.toString(),
            "--db-wait",
            "2s",
            dir.resolve("observations.csv").toString());

    assertThat(importing.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(importing.process().exitValue()).isEqualTo(1);
    List<String> lines = importing.stderrLines();
    assertThat(lines).as(importing.stderr()).hasSize(2);
    assertThat(lines.get(0)).contains("WARN  WriteLockWait - waiting up to 2 s");
    assertThat(lines.get(1))
        .isEqualTo(
            "filesight: "
                + dir.resolve("observations.csv")
                + ": gave up after waiting 2 s for another process's write lock on "
                + file.toAbsolutePath()
                + " (an import or copy running?); nothing already committed is lost: run this"
                + " again once it has finished");
  }

  /** A WAL store migrated up to V4 only, as an older filesight left it: V5 and later pending. */
  private void storeAtAnOlderSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
    }
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + file, null, null)
        .locations(Migrations.locations("sqlite"))
        .target("4")
        .load()
        .migrate();
  }

  /** The quota policy stored in the file, null when none is. */
  private String storedQuotaPolicy() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT policy FROM quota_policy")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  /** The quota policy a first {@code serve} stores: later starts only read it. */
  private void storeQuotaPolicyAsAnEarlierStartDid() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO quota_policy (id, policy) VALUES (1, '100/60s,1500/3600s')");
    }
  }

  /** Fails unless another process holds the write lock now. */
  private void assertWriteLockHeldElsewhere() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      assertThatThrownBy(() -> statement.execute("BEGIN IMMEDIATE"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SQLITE_BUSY");
    }
  }

  private List<String> lockWaitLines() {
    return logs.since(0).stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.contains("write lock"))
        .toList();
  }

  /** Starts {@link WriteLockHolderMain} on the store and returns once it holds the lock. */
  private Process holdWriteLock() throws Exception {
    Child holder = java(WriteLockHolderMain.class.getName(), file.toString(), HOLD_SECONDS);
    assertThat(holder.awaitStdout("holding")).as(holder.stderr()).isTrue();
    return holder.process();
  }

  private Child filesight(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Main.class.getName()));
    command.addAll(List.of(args));
    return java(command.toArray(String[]::new));
  }

  private Child java(String... args) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    process.getOutputStream().close();
    children.add(process);
    return new Child(process);
  }

  private ServerSettings settings(int port, boolean shortWait) {
    return new ServerSettings(
        new DatabaseLocation.SqliteFile(file, false),
        shortWait ? Duration.ofSeconds(2) : Duration.ofSeconds(90),
        Duration.ZERO,
        new TokenSettings(
            EndToEndContract.TENANT,
            TokenSettings.DEFAULT_AUDIENCES,
            JwksSource.file(jwks),
            Duration.ofSeconds(60)),
        new HttpSettings(
            "127.0.0.1",
            port,
            Optional.empty(),
            UnknownFileAnswer.NOT_FOUND,
            false,
            Duration.ofSeconds(5),
            100,
            HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
            HttpSettings.DEFAULT_HEADER_TIMEOUT,
            HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
            HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS),
        100);
  }

  private String token() {
    return tokens.application(
        EndToEndContract.TENANT, "lock-app", List.of("Machine.Read.All"), Duration.ofMinutes(10));
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Whether {@code probe} answers {@code expected} within {@link #PATIENCE}. */
  private static <T> boolean eventually(Probe<T> probe, T expected) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (expected.equals(probe.get())) {
          return true;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @FunctionalInterface
  private interface Probe<T> {
    T get() throws Exception;
  }

  /** A child JVM whose output is read as it comes. */
  private static final class Child {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> outQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> errQueue = new LinkedBlockingQueue<>();

    private final List<Thread> readers;

    Child(Process process) {
      this.process = process;
      readers =
          List.of(
              read(process.getInputStream(), out, outQueue),
              read(process.getErrorStream(), err, errQueue));
    }

    Process process() {
      return process;
    }

    boolean awaitStdout(String text) throws InterruptedException {
      return await(outQueue, text);
    }

    boolean awaitStderr(String text) throws InterruptedException {
      return await(errQueue, text);
    }

    String stdout() throws InterruptedException {
      drained();
      return String.join("\n", out);
    }

    String stderr() {
      return String.join("\n", err);
    }

    List<String> stderrLines() throws InterruptedException {
      drained();
      return List.copyOf(err);
    }

    /** Once the process has ended, lets the readers take its last lines. */
    private void drained() throws InterruptedException {
      if (!process.isAlive()) {
        for (Thread reader : readers) {
          reader.join(TimeUnit.SECONDS.toMillis(10));
        }
      }
    }

    private static boolean await(BlockingQueue<String> lines, String text)
        throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(500, TimeUnit.MILLISECONDS);
        if (line != null && line.contains(text)) {
          return true;
        }
      }
      return false;
    }

    private static Thread read(InputStream stream, List<String> all, BlockingQueue<String> queue) {
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    all.add(line);
                    queue.add(line);
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      return reader;
    }
  }
}
