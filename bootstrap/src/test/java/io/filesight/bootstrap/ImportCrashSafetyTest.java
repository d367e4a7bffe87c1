package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.bootstrap.lifecycle.DemoData;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing an import process at any moment loses no committed batch and leaves no partial one: after
 * several kills at different moments, re-running the import converges to exactly the state of an
 * uninterrupted run, in about the same space. The child imports as {@code filesight import} does:
 * the Defender-files adapter through the import use cases into the store.
 */
class ImportCrashSafetyTest {
  private static final int BATCH = 40;

  /** Observations in the file of the first-import test, and its batch: 40 batches. */
  private static final int OBSERVATIONS = 48_000;

  private static final int FIRST_IMPORT_BATCH = 1_200;

  /** The bookkeeping of interrupted imports: the backlog and the progress of each. */
  private static final List<String> BOOKKEEPING = bookkeepingTables();

  @TempDir Path directory;

  @Test
  void reRunningAfterRepeatedKillsConvergesToTheUninterruptedResult() throws Exception {
    List<Path> files = DemoData.generate(300, 800, 24_000, 7, directory.resolve("data"));
    Path reference = directory.resolve("reference.db");
    Path crashed = directory.resolve("crashed.db");
    assertThat(runToEnd(reference.toString(), files, BATCH)).isEqualTo(0);

    // Kill after the n-th committed batch, while the child is already writing the next one.
    // Machines are 300 records (8 batches), so the first kill lands in the machine import.
    int kills = 0;
    for (int afterBatches : new int[] {3, 12, 45, 110, 260}) {
      Process child = start(crashed.toString(), files, BATCH);
      int[] commits = {0};
      boolean finished =
          runUntil(child, line -> line.startsWith("committed") && ++commits[0] >= afterBatches);
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      if (!finished) {
        kills++;
      }
      try (SqliteDatabase database = SqliteDatabase.open(crashed, false)) {
        database.quickCheck();
      }
    }
    int exit = runToEnd(crashed.toString(), files, BATCH);

    assertThat(kills).as("kills that interrupted an import").isGreaterThanOrEqualTo(4);
    assertThat(exit).isEqualTo(0);
    assertThat(StoreDump.of(crashed)).isEqualTo(StoreDump.of(reference));
  }

  @Test
  void aFirstImportKilledTenTimesThenCompletedTakesTheSpaceOfAnUninterruptedOne() throws Exception {
    assertKilledFirstImportsConverge(
        new SqliteTarget(directory.resolve("reference.db")),
        new SqliteTarget(directory.resolve("crashed.db")));
  }

  @Test
  void onPostgresqlAFirstImportKilledTenTimesTakesTheSpaceOfAnUninterruptedOne() throws Exception {
    assertKilledFirstImportsConverge(
        new PostgresTarget(TestPostgres.freshDatabase()),
        new PostgresTarget(TestPostgres.freshDatabase()));
  }

  /**
   * Imports into {@code reference} in one run, and into {@code crashed} in runs killed ten times
   * before the import ends and a last one: both end with the same rows, in as much space.
   */
  private void assertKilledFirstImportsConverge(Target reference, Target crashed) throws Exception {
    List<Path> files = DemoData.generate(300, 3_000, OBSERVATIONS, 11, directory.resolve("data"));
    assertThat(runToEnd(reference.location(), files, FIRST_IMPORT_BATCH)).isEqualTo(0);

    // Each run is killed while it writes a batch, once it has committed a batch and read up to a
    // point of the file; the last kill comes during the final batch, which on SQLite moves the
    // backlog (the run may finish first).
    int interrupted = 0;
    int[] killPoints = {30, 10, 55, 20, 70, 40, 80, 60, 85, 50};
    List<Integer> points = new ArrayList<>();
    for (int percent : killPoints) {
      points.add(OBSERVATIONS / 100 * percent);
    }
    points.add(OBSERVATIONS - FIRST_IMPORT_BATCH);
    for (int point : points) {
      Process child = start(crashed.location(), files, FIRST_IMPORT_BATCH);
      boolean finished =
          runUntil(
              child,
              line ->
                  line.startsWith("committed")
                      && line.endsWith(" observations")
                      && Long.parseLong(line.split(" ")[1]) >= point);
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      if (!finished) {
        interrupted++;
      }
      // Opening checks the integrity of the store the kill left.
      crashed.open().close();
    }
    int exit = runToEnd(crashed.location(), files, FIRST_IMPORT_BATCH);

    assertThat(interrupted).as("killed imports").isGreaterThanOrEqualTo(killPoints.length);
    assertThat(exit).isEqualTo(0);
    long crashedBytes = crashed.bytes();
    long referenceBytes = reference.bytes();
    double batchShare = (double) FIRST_IMPORT_BATCH / OBSERVATIONS;
    double allowed = 1.15 + interrupted * crashed.batchesKeptPerKill() * batchShare;
    assertThat((double) crashedBytes / referenceBytes)
        .as("%,d bytes against %,d uninterrupted", crashedBytes, referenceBytes)
        .isLessThanOrEqualTo(allowed);
    try (Database expected = reference.open();
        Database actual = crashed.open()) {
      assertThat(StoreDump.of(actual)).isEqualTo(StoreDump.of(expected));
    }
    assertThat(rows(crashed, BOOKKEEPING)).as("bookkeeping rows left").isZero();
  }

  private static int runToEnd(String database, List<Path> files, int batch) throws Exception {
    Process child = start(database, files, batch);
    runUntil(child, line -> false);
    return child.waitFor(120, TimeUnit.SECONDS) ? child.exitValue() : -1;
  }

  /** Reads the child's output until a line is the kill point; true when the child ended first. */
  private static boolean runUntil(Process child, Predicate<String> killPoint) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("done")) {
        return true;
      }
      if (killPoint.test(line)) {
        return false;
      }
    }
    return true;
  }

  /** The rows of {@code tables} in the target, which no child has open. */
  private static long rows(Target target, List<String> tables) {
    try (Database database = target.open()) {
      return sum(database, "SELECT COUNT(*) FROM %s", tables);
    }
  }

  /** The sum of {@code query}'s number for each of {@code tables} (its {@code %s}). */
  private static long sum(Database database, String query, List<String> tables) {
    long sum = 0;
    for (String table : tables) {
      sum +=
          database
              .reads()
              .withHandle(h -> h.createQuery(String.format(query, table)).mapTo(Long.class).one());
    }
    return sum;
  }

  /** A database the children import into, as the test looks at it. */
  private interface Target {
    /** What a child is given: a file or a URL. */
    String location();

    /** The database, checked for integrity. */
    Database open();

    /** The space the observation import takes, free space included. */
    long bytes();

    /** The batches of rows each kill may leave taking space once the import completes. */
    int batchesKeptPerKill();
  }

  private record SqliteTarget(Path file) implements Target {
    @Override
    public String location() {
      return file.toString();
    }

    @Override
    public Database open() {
      SqliteDatabase database = SqliteDatabase.open(file, false);
      database.quickCheck();
      return database;
    }

    /** The file and its WAL once checkpointed: pages in use and free ones. */
    @Override
    public long bytes() {
      try (SqliteDatabase database = SqliteDatabase.open(file, false)) {
        database.writes().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
      }
      try {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A transaction that does not commit never reaches the file. */
    @Override
    public int batchesKeptPerKill() {
      return 0;
    }
  }

  private record PostgresTarget(PostgresSettings settings) implements Target {
    @Override
    public String location() {
      return settings.url();
    }

    @Override
    public Database open() {
      return PostgresDatabase.create(settings);
    }

    /**
     * The observation import's tables with their indexes, as they are (not vacuumed). Not the
     * machines: every run of the child imports them again, and PostgreSQL keeps the old version of
     * each updated row until autovacuum.
     */
    @Override
    public long bytes() {
      List<String> tables = new ArrayList<>(BOOKKEEPING);
      tables.addAll(List.of("observation", "seen_file"));
      try (Database database = open()) {
        return sum(database, "SELECT pg_total_relation_size('%s')", tables);
      }
    }

    /** The rows a killed batch inserted stay, dead, until autovacuum makes their room reusable. */
    @Override
    public int batchesKeptPerKill() {
      return 1;
    }
  }

  private static List<String> bookkeepingTables() {
    List<String> tables = new ArrayList<>(List.of("seen_file_backlog", "import_progress"));
    for (char digit : "0123456789abcdef".toCharArray()) {
      tables.add("observation_backlog_" + digit);
    }
    return tables;
  }

  private static Process start(String database, List<Path> files, int batch) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(CrashingImportMain.class.getName());
    command.add(database);
    command.add(files.get(0).toString());
    command.add(files.get(1).toString());
    command.add(String.valueOf(batch));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
