package io.filesight.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.DatabaseReadinessProbe;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.application.port.out.StoreRetiredException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteDatabaseTest {
  @TempDir Path directory;

  @Test
  void createsAMissingDatabaseOnlyWhenAllowed() {
    Path file = directory.resolve("nested/filesight.db");

    assertThatThrownBy(() -> SqliteDatabase.open(file, false))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no database");
    assertThat(file).doesNotExist();

    try (SqliteDatabase database = SqliteDatabase.open(file, true)) {
      assertThat(database.file()).isEqualTo(file.toAbsolutePath());
    }
    assertThat(file).exists();
  }

  @Test
  void reopensAnExistingDatabaseWithoutCreatePermission() {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase.open(file, true).close();

    try (SqliteDatabase database = SqliteDatabase.open(file, false)) {
      database.quickCheck();
      new DatabaseReadinessProbe(database).check();
    }
  }

  @Test
  void closingLeavesNoWalOrSharedMemoryFileBehind() {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase database = SqliteDatabase.open(file, true);
    database.writes().useHandle(h -> h.execute("CREATE TABLE scratch (x INTEGER)"));
    database
        .reads()
        .useHandle(h -> h.createQuery("SELECT count(*) FROM scratch").mapTo(Long.class).one());

    database.close();

    // Left behind, they would belong to this user and hold data another user's process needs.
    assertThat(directory.resolve("filesight.db-wal")).doesNotExist();
    assertThat(directory.resolve("filesight.db-shm")).doesNotExist();
  }

  @Test
  void refusesAFileThatIsNotASqliteDatabaseAndLeavesItAlone() throws Exception {
    Path file = directory.resolve("notes.txt");
    Files.writeString(file, "these are my notes, not a database", StandardCharsets.UTF_8);

    for (boolean create : new boolean[] {false, true}) {
      assertThatThrownBy(() -> SqliteDatabase.open(file, create))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("not a SQLite database");
    }
    assertThat(Files.readString(file)).isEqualTo("these are my notes, not a database");
  }

  @Test
  void refusesAnEmptyFileWithoutCreatePermission() throws Exception {
    Path file = Files.createFile(directory.resolve("empty.db"));

    assertThatThrownBy(() -> SqliteDatabase.open(file, false))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void refusesADatabaseMigratedByANewerFilesight() {
    Path file = directory.resolve("filesight.db");
    try (SqliteDatabase database = SqliteDatabase.open(file, true)) {
      database
          .writes()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, execution_time, success)"
                          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
                          + " 'test', 0, 1)"));
    }

    assertThatThrownBy(() -> SqliteDatabase.open(file, false))
        .isInstanceOf(DatabaseConfigurationException.class)
        .hasMessageContaining("newer filesight")
        .hasMessageContaining("99")
        .hasMessageContaining(file.toString());
  }

  @Test
  void configuresWalForeignKeysAndAReadOnlyPool() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      List<String> pragmas =
          database
              .writes()
              .withHandle(
                  h ->
                      List.of(
                          h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                          h.createQuery("PRAGMA foreign_keys").mapTo(String.class).one(),
                          h.createQuery("PRAGMA synchronous").mapTo(String.class).one()));

      // The writer waits for the lock through WriteLockWait, not busy_timeout.
      assertThat(pragmas).containsExactly("wal", "1", "1");
      String readerTimeout =
          database
              .reads()
              .withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(String.class).one());
      assertThat(readerTimeout).isEqualTo("10000");
      assertThatThrownBy(() -> database.reads().useHandle(h -> h.execute("DELETE FROM machine")))
          .hasMessageContaining("readonly");
    }
  }

  @Test
  void quickCheckPassesOnAHealthyDatabase() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      database.quickCheck();
      assertThat(new DatabaseReadinessProbe(database).name()).isEqualTo("database");
    }
  }

  @Test
  void aReplacedFileRetiresTheDatabaseForGood() throws Exception {
    Path file = directory.resolve("filesight.db");
    Path other = directory.resolve("other.db");
    SqliteDatabase.open(other, true).close();
    try (SqliteDatabase database = SqliteDatabase.open(file, true)) {
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

      assertThatThrownBy(database::checkStillUsable)
          .isInstanceOfSatisfying(
              StoreRetiredException.class, e -> assertThat(e.damaged()).isFalse())
          .hasMessageContaining(file.toAbsolutePath().toString())
          .hasMessageContaining("restart");
      assertThatThrownBy(database::readConnection).isInstanceOf(StoreRetiredException.class);
      assertThatThrownBy(
              () ->
                  database.reads().withHandle(h -> h.select("SELECT 1").mapTo(Integer.class).one()))
          .isInstanceOf(StoreRetiredException.class);
      assertThatThrownBy(() -> new DatabaseReadinessProbe(database).check())
          .isInstanceOf(StoreRetiredException.class);
    }
  }

  @Test
  void corruptionReportedOnAnyReadRetiresTheDatabase() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("filesight.db"), true)) {
      assertThat(database.readFailed(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY)))
          .isInstanceOf(DatabaseUnavailableException.class);
      new DatabaseReadinessProbe(database).check();

      assertThat(
              database.readFailed(
                  new SQLiteException("malformed", SQLiteErrorCode.SQLITE_CORRUPT_INDEX)))
          .isInstanceOfSatisfying(
              StoreRetiredException.class, e -> assertThat(e.damaged()).isTrue());
      assertThatThrownBy(() -> new DatabaseReadinessProbe(database).check())
          .isInstanceOf(StoreRetiredException.class)
          .hasMessageContaining("damaged");
      assertThatThrownBy(database::readConnection).isInstanceOf(StoreRetiredException.class);
    }
  }

  @Test
  void integrityCheckNamesNothingOnASoundFile() {
    Path file = directory.resolve("filesight.db");
    SqliteDatabase.open(file, true).close();

    assertThat(SqliteDatabase.integrityCheck(file)).isEmpty();
  }
}
