package io.filesight.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.Stores;
import io.filesight.adapter.persistence.sqlite.SqliteFailures.FullPlace;
import io.filesight.application.port.out.ImportSession;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's failures on the database file as an operator reads them: one line naming the cause and
 * the file, and what to do. Real files; a full database is made with SQLite's own {@code
 * max_page_count} on the writer connection, the only way to fill it without a mount.
 */
class SqliteFailuresTest {
  private static final MachineId M1 = MachineId.of("1".repeat(40));
  private static final long MB = 1024L * 1024;

  @TempDir Path directory;

  @Test
  void aFullFileSystemIsTheDatabasesWhenItsLeftIsBelowTheMarginAndTheTemporaryDirectorys() {
    assertThat(SqliteFailures.fullPlace(true, 0, 0)).isEqualTo(FullPlace.SHARED);
    assertThat(SqliteFailures.fullPlace(true, 100 * MB, 900 * MB)).isEqualTo(FullPlace.SHARED);
    // The database's disk is full: its WAL stays grown; temporary files were deleted.
    assertThat(SqliteFailures.fullPlace(false, 0, 900 * MB)).isEqualTo(FullPlace.DATABASE);
    assertThat(SqliteFailures.fullPlace(false, 12 * 1024, 1 * MB)).isEqualTo(FullPlace.DATABASE);
    // The temporary directory filled up and emptied again when SQLite deleted its files.
    assertThat(SqliteFailures.fullPlace(false, 50_000 * MB, 2_000 * MB))
        .isEqualTo(FullPlace.TEMPORARY_DIRECTORY);
    assertThat(SqliteFailures.fullPlace(false, 5_000 * MB, 10_000 * MB))
        .isEqualTo(FullPlace.TEMPORARY_DIRECTORY);
    assertThat(SqliteFailures.fullPlace(false, 2 * MB, 1 * MB))
        .isEqualTo(FullPlace.TEMPORARY_DIRECTORY);
  }

  @Test
  void theTemporaryDirectoryIsFoundInSqlitesOrder() throws Exception {
    Path first = Files.createDirectory(directory.resolve("sqlite-tmp"));
    Path second = Files.createDirectory(directory.resolve("tmp"));

    assertThat(
            SqliteFailures.temporaryDirectory(
                Map.of("SQLITE_TMPDIR", first.toString(), "TMPDIR", second.toString())))
        .contains(first);
    assertThat(
            SqliteFailures.temporaryDirectory(
                Map.of(
                    "SQLITE_TMPDIR",
                    directory.resolve("missing").toString(),
                    "TMPDIR",
                    second.toString())))
        .contains(second);
  }

  @Test
  void aFullDiskSharedWithTheTemporaryDirectoryNamesBothAndBothWaysOut() throws Exception {
    Path temporary = Files.createDirectory(directory.resolve("sqlite-tmp"));
    Path file = directory.resolve("filesight.db");

    String line = SqliteFailures.full(file, Map.of("SQLITE_TMPDIR", temporary.toString()));

    assertThat(line)
        .contains(file.toString())
        .contains(temporary.toString())
        .contains("SQLITE_TMPDIR")
        .contains(SqliteFailures.NO_SPACE);
  }

  @Test
  void aDatabaseFullDuringAnImportNamesTheFileAndKeepsTheCommittedBatch() throws Exception {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase database = SqliteDatabase.open(file, true);
    try {
      Stores.machines(database, List.of(Machine.builder(M1).build()));
      Stores.observations(database, List.of(seen(1)));
      long pages =
          database
              .writes()
              .withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
      // The single writer connection keeps this for the import's session: room for a batch of
      // one observation, not for one of thousands. Which file system the line blames depends on
      // this machine's temporary directory (StoreFaultMessagesIT fills real ones).
      database.writes().useHandle(h -> h.execute("PRAGMA max_page_count = " + (pages + 64)));
      List<Observation> large = new ArrayList<>();
      for (int i = 2; i < 20_002; i++) {
        large.add(seen(i));
      }

      try (ImportSession<Observation> session =
          new SqliteObservationStore(database).beginImport()) {
        session.append(List.of(seen(20_002)));
        session.commit(false);
        assertThatThrownBy(
                () -> {
                  session.append(large);
                  session.commit(true);
                })
            .isInstanceOf(DatabaseUnavailableException.class)
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .contains(file.toString())
                        .contains(SqliteFailures.NO_SPACE)
                        .contains("what was committed before is kept")
                        .doesNotContain("\n"));
      }

      long stored =
          database
              .reads()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM observation").mapTo(Long.class).one());
      assertThat(stored).isEqualTo(2);
    } finally {
      database.close();
    }
    assertThat(SqliteDatabase.integrityCheck(file)).isEmpty();
  }

  @Test
  void aDamagedFileAtStartIsOneShortLineNamingItAndTheCheckToRun() throws Exception {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase database = SqliteDatabase.open(file, true);
    List<Observation> observations = new ArrayList<>();
    for (int i = 1; i < 5_000; i++) {
      observations.add(seen(i));
    }
    try {
      Stores.machines(database, List.of(Machine.builder(M1).build()));
      Stores.observations(database, observations);
    } finally {
      database.close();
    }
    overwritePages(file, 3, 40);

    assertThatThrownBy(
            () -> {
              SqliteDatabase opened = SqliteDatabase.open(file, false);
              try {
                opened.quickCheck();
              } finally {
                opened.close();
              }
            })
        .isInstanceOf(DatabaseUnavailableException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .contains(file.toString())
                    .contains("is damaged")
                    .contains("filesight verify --db " + file)
                    .doesNotContain("\n")
                    .hasSizeLessThan(400));
  }

  @Test
  void pagesDamagedAtStartAreNamedInOneLine() throws Exception {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase database = SqliteDatabase.open(file, true);
    List<Observation> observations = new ArrayList<>();
    for (int i = 1; i < 20_000; i++) {
      observations.add(seen(i));
    }
    try {
      Stores.machines(database, List.of(Machine.builder(M1).build()));
      Stores.observations(database, observations);
    } finally {
      database.close();
    }
    long pages = Files.size(file) / 4096;
    overwritePages(file, pages / 2, pages - 1);

    // Opening reads the schema and the quick check reads every page: either may meet the damage
    // first, depending on which pages it hit; both must name it in one line.
    assertThatThrownBy(
            () -> {
              SqliteDatabase opened = SqliteDatabase.open(file, false);
              try {
                opened.quickCheck();
              } finally {
                opened.close();
              }
            })
        .isInstanceOf(DatabaseUnavailableException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .contains(file.toString())
                    .contains("is damaged")
                    .doesNotContain("***")
                    .doesNotContain("\n")
                    .hasSizeLessThan(500));
  }

  /** Overwrites pages {@code from} to {@code to} (1-based, 4 KiB) with garbage, header intact. */
  private static void overwritePages(Path file, long from, long to) throws Exception {
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 0x5a);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long page = from; page <= to; page++) {
        channel.write(ByteBuffer.wrap(garbage), (page - 1) * 4096);
      }
      channel.force(true);
    }
  }

  private static Observation seen(int i) {
    SplittableRandom random = new SplittableRandom(i);
    String sha1 =
        String.format(Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), i);
    return new Observation(
        FileHash.parse(sha1), null, null, null, M1, Instant.parse("2024-05-01T10:00:00Z"));
  }
}
