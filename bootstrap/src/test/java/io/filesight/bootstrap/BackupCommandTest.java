package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filesight backup --db FILE --out FILE}: a checked, consistent copy of a store in use; a
 * failed backup leaves nothing at {@code --out}.
 */
class BackupCommandTest {
  @TempDir Path dir;
  private Path store;
  private Path out;
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  @BeforeEach
  void store() throws Exception {
    store = dir.resolve("filesight.db");
    out = dir.resolve("backups").resolve("filesight-backup.db");
    Files.createDirectories(out.getParent());
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(store, true));
  }

  @Test
  void copyHoldsWhatTheStoreHoldsAndPassesTheFullCheck() {
    assertThat(backup("--db", store.toString(), "--out", out.toString()))
        .isEqualTo(FilesightCli.OK);

    assertThat(stdout.toString()).contains(out.toString()).contains("quick_check ok");
    assertThat(leftovers()).isEmpty();
    assertThat(FilesightCli.run(Map.of(), sink(), sink(), "verify", "--db", out.toString()))
        .isEqualTo(FilesightCli.OK);
    assertThat(StoreDump.of(out)).isEqualTo(StoreDump.of(store));
  }

  @Test
  void existingOutIsKeptUnlessForced() throws Exception {
    Files.writeString(out, "an older backup");

    assertThat(backup("--db", store.toString(), "--out", out.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--out").contains("--force");
    assertThat(Files.readString(out)).isEqualTo("an older backup");

    assertThat(backup("--db", store.toString(), "--out", out.toString(), "--force"))
        .isEqualTo(FilesightCli.OK);
    assertThat(StoreDump.of(out)).isEqualTo(StoreDump.of(store));
  }

  @Test
  void missingSourceExits2AndWritesNothing() {
    Path missing = dir.resolve("missing.db");

    assertThat(backup("--db", missing.toString(), "--out", out.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--db").contains("no database file");
    assertThat(missing).doesNotExist();
    assertThat(out).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void fileThatIsNoSqliteDatabaseExits2AndWritesNothing() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.db"), "not a database, just notes\n");

    assertThat(backup("--db", text.toString(), "--out", out.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--db").contains("not a SQLite database");
    assertThat(stderr.toString().lines()).hasSize(1);
    assertThat(out).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void outInAMissingDirectoryExits2() {
    Path nowhere = dir.resolve("no-such-dir").resolve("b.db");

    assertThat(backup("--db", store.toString(), "--out", nowhere.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--out").contains("no directory");
    assertThat(nowhere.getParent()).doesNotExist();
  }

  @Test
  void outUnderARegularFileExits2() throws Exception {
    // Root writes through any permission bits: a path under a regular file is unwritable for all.
    Path file = Files.writeString(dir.resolve("plain-file"), "x");

    assertThat(backup("--db", store.toString(), "--out", file.resolve("b.db").toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--out");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void outBesideAWriteAheadLogIsRefusedEvenWithForce() throws Exception {
    Files.writeString(out, "x");
    Files.writeString(out.resolveSibling(out.getFileName() + "-wal"), "a log");

    assertThat(backup("--db", store.toString(), "--out", out.toString(), "--force"))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--out").contains("-wal exists");
    assertThat(Files.readString(out)).isEqualTo("x");
  }

  @Test
  void outNamingTheStoreItselfIsRefused() throws Exception {
    byte[] before = Files.readAllBytes(store);

    assertThat(backup("--db", store.toString(), "--out", store.toString(), "--force"))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--out").contains("is the database to copy");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void postgresUrlExits2PointingToPgDump() {
    assertThat(backup("--db", "jdbc:postgresql://localhost/filesight", "--out", out.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--db").contains("pg_dump");
    assertThat(out).doesNotExist();
  }

  @Test
  void damagedStoreExits1AndLeavesNothingAtOut() throws Exception {
    StoreFiles.corruptTable(store, "machine");

    assertThat(backup("--db", store.toString(), "--out", out.toString()))
        .isEqualTo(FilesightCli.FAILURE);
    assertThat(stderr.toString()).contains(store.getFileName().toString());
    assertThat(stderr.toString().lines()).hasSize(1);
    assertThat(out).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void copyHoldsCommittedWritesOnlyAndDoesNotWaitForAWriter() throws Exception {
    long before = machines(store);
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("UPDATE machine SET computer_dns_name = 'uncommitted'");
      statement.execute("DELETE FROM observation");

      // The writer holds the write lock throughout: the backup reads past it.
      assertThat(backup("--db", store.toString(), "--out", out.toString()))
          .isEqualTo(FilesightCli.OK);
      statement.execute("ROLLBACK");
    }

    assertThat(machines(out)).isEqualTo(before);
    assertThat(StoreDump.of(out)).isEqualTo(StoreDump.of(store));
  }

  @Test
  void backupsTakenWhileAnImportWritesHoldACommittedPrefix() throws Exception {
    int batch = 200;
    int total = 12_000;
    Path machinesFile = dir.resolve("many-machines.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      lines.add(EndToEndContract.machine(machineId(i), 0, null, "m" + i + ".contoso.local"));
    }
    Files.write(machinesFile, lines);
    Path fresh = dir.resolve("fresh.db");
    CompletableFuture<Integer> importing =
        CompletableFuture.supplyAsync(
            () ->
                FilesightCli.run(
                    Map.of(),
                    sink(),
                    sink(),
                    "import",
                    "machines",
                    "--db",
                    fresh.toString(),
                    "--batch-size",
                    String.valueOf(batch),
                    machinesFile.toString()));
    int taken = 0;
    int midImport = 0;
    while (!importing.isDone() || taken == 0) {
      // SQLite creates the file empty and writes its header with the first commit.
      if (!Files.exists(fresh) || Files.size(fresh) < 100) {
        Thread.onSpinWait();
        continue;
      }
      Path copy = dir.resolve("backups").resolve("copy-" + taken + ".db");
      int code = backup("--db", fresh.toString(), "--out", copy.toString());
      if (code != FilesightCli.OK && stderr.toString().contains("no database file")) {
        continue; // the import had not created the file yet
      }
      assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.OK);
      List<String> ids = machineIds(copy);
      // Whole batches in file order: the first ids.size() lines, nothing of a batch in flight.
      assertThat(ids.size() % batch == 0 || ids.size() == total).as("%d", ids.size()).isTrue();
      assertThat(ids).isEqualTo(expectedIds(ids.size()));
      if (ids.size() > 0 && ids.size() < total) {
        midImport++;
      }
      taken++;
    }
    assertThat(importing.get(2, TimeUnit.MINUTES)).isEqualTo(FilesightCli.OK);
    assertThat(midImport).as("backups taken while the import wrote").isPositive();
  }

  @Test
  void serverKeepsAnsweringWhileBackupsRun() throws Exception {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    DevelopmentTokens tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    HttpClient http = HttpClient.newHttpClient();
    AtomicBoolean backingUp = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    try (FilesightServer server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                new DatabaseLocation.SqliteFile(store, false),
                EndToEndContract.TENANT,
                keys.resolve("jwks.json"),
                0))) {
      CompletableFuture<Integer> backups =
          CompletableFuture.supplyAsync(
              () -> {
                int runs = 0;
                while (!done.get()) {
                  backingUp.set(true);
                  int code = backup("--db", store.toString(), "--out", out.toString(), "--force");
                  backingUp.set(false);
                  if (code != FilesightCli.OK) {
                    return code;
                  }
                  runs++;
                }
                return runs > 0 ? FilesightCli.OK : FilesightCli.FAILURE;
              });
      String token =
          tokens.application(
              EndToEndContract.TENANT,
              "backup-test-app",
              List.of("Machine.Read.All"),
              java.time.Duration.ofMinutes(10));
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + server.port()
                          + "/api/files/"
                          + EndToEndContract.SHA1
                          + "/machines"))
              .header("Authorization", "Bearer " + token)
              .build();
      int duringBackup = 0;
      for (int i = 0; i < 400 && duringBackup < 20; i++) {
        boolean overlapping = backingUp.get();
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (overlapping && backingUp.get()) {
          duringBackup++;
        }
      }
      done.set(true);
      assertThat(backups.get(1, TimeUnit.MINUTES)).as(stderr.toString()).isEqualTo(0);
      assertThat(duringBackup).as("requests answered while a backup ran").isPositive();
    }
    assertThat(StoreDump.of(out)).isEqualTo(StoreDump.of(store));
  }

  private static String machineId(int i) {
    return String.format(Locale.ROOT, "%040x", i + 1);
  }

  private static List<String> expectedIds(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(machineId(i));
    }
    return ids;
  }

  /** The machines of the store at {@code file}; none before its schema was committed. */
  private static List<String> machineIds(Path file) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      try (ResultSet table =
          statement.executeQuery(
              "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'machine'")) {
        if (!table.next()) {
          return ids;
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT id FROM machine ORDER BY id")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static long machines(Path file) throws Exception {
    return machineIds(file).size();
  }

  /** Files the backup may have left beside {@code --out}: temporary copies, journals. */
  private List<Path> leftovers() {
    try (Stream<Path> files = Files.list(out.getParent())) {
      return files.filter(f -> !f.equals(out)).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private synchronized int backup(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "backup";
    System.arraycopy(args, 0, argv, 1, args.length);
    stdout.getBuffer().setLength(0);
    stderr.getBuffer().setLength(0);
    return FilesightCli.run(
        Map.of(), new PrintWriter(stdout, true), new PrintWriter(stderr, true), argv);
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter(), true);
  }
}
