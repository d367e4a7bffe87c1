package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads when the store's file cannot be written: one line on stderr naming the
 * cause and the file or directory, and what to do, from the shaded jar run as a child process.
 * Permissions only bind a user other than root, so as root the children run as {@code nobody}
 * ({@code runuser}); full and read-only file systems are small tmpfs mounts, and those tests are
 * skipped, saying why, where mounting is not permitted.
 */
class StoreFaultMessagesIT {
  private static final String TENANT = EndToEndContract.TENANT;

  @TempDir Path dir;
  private Path jar;
  private Path data;
  private Path dbDir;
  private Path store;
  private Path keys;
  private final List<Path> mounts = new ArrayList<>();
  private final List<ChildProcesses> children = new ArrayList<>();

  @BeforeEach
  void aStoreOthersMayRead() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    // A copy in the test's directory: the build's own may sit where another user cannot read.
    jar = dir.resolve("filesight.jar");
    Files.copy(Path.of("target", "filesight.jar"), jar);
    data = Files.createDirectory(dir.resolve("data"));
    dbDir = Files.createDirectory(dir.resolve("db"));
    store = dbDir.resolve("filesight.db");
    EndToEndContract.importData(data, new DatabaseLocation.SqliteFile(store, true));
    keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    readableByAll(dir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    children.forEach(ChildProcesses::close);
    for (Path mount : mounts) {
      new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void importIntoAReadOnlyDatabaseFileNamesTheFile() throws Exception {
    writableByAll(dbDir);
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));

    ChildProcesses.Result result = asAnotherUser().run(importMachines(store));

    assertOneLineFailure(result, 1)
        .contains("the database file " + store + " is read-only for this process");
  }

  @Test
  void aReadOnlyDirectoryNamesTheDirectoryForServeAndImport() throws Exception {
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(dbDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String expected = "the directory " + dbDir + " of the database " + store + " is read-only";

    assertOneLineFailure(serveToExit(asAnotherUser(), store), 1).contains(expected);
    assertOneLineFailure(asAnotherUser().run(importMachines(store)), 1).contains(expected);
  }

  @Test
  void aStaleSharedMemoryFileOfAnotherUserIsNamedForServeAndImport() throws Exception {
    writableByAll(dbDir);
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
    leaveSharedMemoryFile(store);
    Path shm = dbDir.resolve("filesight.db-shm");
    Files.setPosixFilePermissions(shm, PosixFilePermissions.fromString("rw-r--r--"));
    String expected = shm + ", left beside the database " + store + " by another user";

    assertOneLineFailure(serveToExit(asAnotherUser(), store), 1).contains(expected);
    assertOneLineFailure(asAnotherUser().run(importMachines(store)), 1).contains(expected);
  }

  @Test
  void aReadOnlyMountIsNamedForServeAndImport() throws Exception {
    Path mount = mountTmpfs("ro", "8m");
    Path onMount = mount.resolve("filesight.db");
    Files.copy(store, onMount);
    remountReadOnly(mount);
    String expected = "the database " + onMount + " is on a read-only file system";

    assertOneLineFailure(serveToExit(asAnotherUser(), onMount), 1).contains(expected);
    assertOneLineFailure(asAnotherUser().run(importMachines(onMount)), 1).contains(expected);
  }

  @Test
  void aFullDiskDuringAnImportSaysSoKeepsTheCommittedBatchesAndLeavesASoundStore()
      throws Exception {
    Path mount = mountTmpfs("full", "3m");
    Path onMount = mount.resolve("filesight.db");
    Files.copy(store, onMount);
    writableByAll(onMount);
    Path observations = generateObservations();
    long before = count(onMount);

    ChildProcesses.Result result =
        asAnotherUser()
            .run(
                "import",
                "observations",
                observations.toString(),
                "--db",
                onMount.toString(),
                "--batch-size",
                "2000");

    assertOneLineFailure(result, 1)
        .contains("disk full (No space left on device) writing the database " + onMount)
        .contains("what was committed before is kept");
    assertThat(count(onMount))
        .as("observations committed before the disk filled")
        .isGreaterThan(before);
    ChildProcesses.Result verify = asAnotherUser().run("verify", "--db", onMount.toString());
    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(FilesightCli.OK);
  }

  @Test
  void aFullTemporaryDirectoryIsNamedWithHowToPointElsewhere() throws Exception {
    Path temporary = mountTmpfs("tmp", "1m");
    writableByAll(dbDir);
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path observations = generateObservations();

    ChildProcesses.Result result =
        asAnotherUser("SQLITE_TMPDIR=" + temporary)
            .run(
                "import",
                "observations",
                observations.toString(),
                "--db",
                store.toString(),
                "--batch-size",
                "100000");

    assertOneLineFailure(result, 1)
        .contains("SQLite's temporary directory " + temporary + " is full")
        .contains("while writing the database " + store)
        .contains("point SQLITE_TMPDIR at a directory with room")
        .doesNotContain("disk full");
  }

  private String[] importMachines(Path database) {
    return new String[] {
      "import", "machines", data.resolve("machines.jsonl").toString(), "--db", database.toString()
    };
  }

  /** Serves {@code database} and returns how the server ended; it must end by itself. */
  private ChildProcesses.Result serveToExit(ChildProcesses processes, Path database)
      throws Exception {
    Process process =
        processes.start(
            "serve",
            "--db",
            database.toString(),
            "--jwks",
            keys.resolve("jwks.json").toString(),
            "--tenant",
            TENANT,
            "--bind",
            "127.0.0.1",
            "--port",
            "0");
    process.getOutputStream().close();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    assertThat(ended).as("the server refused to start and exited").isTrue();
    return new ChildProcesses.Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertOneLineFailure(
      ChildProcesses.Result result, int exitCode) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
    // serve listens before it opens the store, and says so in one INFO line.
    List<String> lines =
        result.err().lines().filter(line -> !line.isBlank() && !isInfoLogLine(line)).toList();
    assertThat(lines).as(result.err()).hasSize(1);
    return assertThat(lines.get(0)).startsWith("filesight: ");
  }

  private static boolean isInfoLogLine(String line) {
    return line.matches("\\[?\\d{4}-\\d{2}-\\d{2}T\\S+ INFO .*");
  }

  /** The shaded jar, run as {@code nobody} when this is root, with {@code environment} set. */
  private ChildProcesses asAnotherUser(String... environment) {
    List<String> launcher = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      launcher.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    launcher.add("env");
    launcher.addAll(List.of(environment));
    launcher.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            jar.toString()));
    ChildProcesses processes = new ChildProcesses(dir, launcher);
    children.add(processes);
    return processes;
  }

  /** A tmpfs of {@code size} at a new directory, writable by all; skips the test if refused. */
  private Path mountTmpfs(String name, String size) throws Exception {
    Path mount = Files.createDirectory(dir.resolve(name));
    Process process =
        new ProcessBuilder(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=" + size + ",mode=1777",
                "tmpfs",
                mount.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean mounted = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    Assumptions.assumeTrue(
        mounted, () -> "mounting a tmpfs is not permitted here: " + output.strip());
    mounts.add(mount);
    return mount;
  }

  private static void remountReadOnly(Path mount) throws Exception {
    Process process =
        new ProcessBuilder("mount", "-o", "remount,ro", mount.toString()).inheritIO().start();
    assertThat(process.waitFor()).as("remount read-only").isZero();
  }

  /** About 15 MB of observations, far more than a 3 MB disk or a 1 MB temporary directory holds. */
  private Path generateObservations() {
    Path out = dir.resolve("generated");
    StringWriter err = new StringWriter();
    int exit =
        FilesightCli.run(
            Map.of(),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "generate",
            "--machines",
            "20",
            "--files",
            "5000",
            "--observations",
            "50000",
            "--seed",
            "7",
            "--out",
            out.toString());
    assertThat(exit).as(err.toString()).isZero();
    try {
      readableByAll(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.resolve("observations.csv");
  }

  /**
   * Opens the store and copies its {@code -shm} while it is open, then leaves the copy beside it.
   */
  private static void leaveSharedMemoryFile(Path database) throws Exception {
    Path shm = database.resolveSibling(database.getFileName() + "-shm");
    Path copy = database.resolveSibling("shm-copy");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM machine")) {
      rows.next();
      Files.copy(shm, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(copy, shm, StandardCopyOption.REPLACE_EXISTING);
  }

  private static long count(Path database) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM observation")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void readableByAll(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private static void writableByAll(Path path) throws IOException {
    Files.setPosixFilePermissions(
        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
  }
}
