package io.filesight.bootstrap;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.JdbcStoreContents;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.out.StoreContents;
import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.lifecycle.DemoData;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filesight copy}: a SQLite store copied into PostgreSQL holds the same machines, sightings
 * and access configuration; copying again changes nothing; the target keeps what it held.
 */
class CopyCommandTest {
  @TempDir Path directory;
  private final Map<String, String> environment = new HashMap<>();
  private Path sqlite;
  private List<Path> files;

  @BeforeEach
  void sqliteStoreWithDemoData() {
    files = DemoData.generate(120, 400, 6_000, 5, directory.resolve("data"));
    sqlite = directory.resolve("filesight.db");
    try (FilesightStore store = FilesightStore.open(sqlite)) {
      store.replaceAccess(files.get(2));
      store.importMachines(files.get(0), ImportOptions.defaults(), ImportListener.silent());
      store.importObservations(files.get(1), ImportOptions.defaults(), ImportListener.silent());
    }
  }

  @Test
  void aSqliteStoreCopiedIntoPostgresHoldsTheSameAndCopyingAgainChangesNothing() {
    PostgresSettings postgres = TestPostgres.freshDatabase();
    environment.put("FILESIGHT_DB_USER", postgres.user());
    environment.put("FILESIGHT_DB_PASSWORD", postgres.password());

    Result first = run("copy", "--from", sqlite.toString(), "--to", postgres.url());
    Result again = run("copy", "--from", sqlite.toString(), "--to", postgres.url());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("machines: read 120, inserted 120, updated 0")
        .contains("access: read")
        .contains("copied " + sqlite + " into " + postgres.url());
    assertThat(contentsOf(postgres)).isEqualTo(contentsOf(sqlite));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).containsPattern("observations: read \\d+, inserted 0, updated 0");
    assertThat(contentsOf(postgres)).isEqualTo(contentsOf(sqlite));
  }

  @Test
  void theTargetKeepsWhatItHeldAndGainsWhatTheSourceHolds() throws Exception {
    Path target = directory.resolve("target.db");
    List<Path> other = DemoData.generate(30, 20, 300, 99, directory.resolve("other"));
    try (FilesightStore store = FilesightStore.open(target)) {
      store.importMachines(other.get(0), ImportOptions.defaults(), ImportListener.silent());
      store.importObservations(other.get(1), ImportOptions.defaults(), ImportListener.silent());
    }
    Contents before = contentsOf(target);

    Result copy = run("copy", "--from", sqlite.toString(), "--to", target.toString());

    assertThat(copy.code()).as(copy.err()).isZero();
    Contents after = contentsOf(target);
    Contents source = contentsOf(sqlite);
    assertThat(after.machines()).containsAll(source.machines());
    assertThat(after.observations()).containsAll(source.observations());
    assertThat(after.machines().size()).isGreaterThan(source.machines().size());
    Set<MachineId> kept = after.machines().stream().map(Machine::id).collect(toSet());
    assertThat(kept).containsAll(before.machines().stream().map(Machine::id).toList());
    assertThat(after.observations()).hasSizeGreaterThan(source.observations().size());
  }

  @Test
  void thePasswordAppearsInNoOutputNorLogLine() throws Exception {
    PostgresSettings postgres = TestPostgres.freshDatabase();
    environment.put("FILESIGHT_DB_USER", postgres.user());
    // The test server trusts local connections, so any password is accepted and can be looked for.
    environment.put("FILESIGHT_DB_PASSWORD", "pw-that-must-not-show");
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    PrintStream stdout = System.out;
    Result copy;
    try (PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
      System.setErr(captured);
      System.setOut(captured);
      copy = run("copy", "--from", sqlite.toString(), "--to", postgres.url());
    } finally {
      System.setErr(stderr);
      System.setOut(stdout);
    }

    assertThat(copy.code()).as(copy.err()).isZero();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains(postgres.url());
    assertThat(logs.toString(StandardCharsets.UTF_8) + copy.out() + copy.err())
        .doesNotContain("pw-that-must-not-show");
  }

  @Test
  void aMissingSourceFailsNamingItAndCreatesNeitherDatabase() {
    Path missing = directory.resolve("missing.db");
    Path target = directory.resolve("never.db");

    Result copy = run("copy", "--from", missing.toString(), "--to", target.toString());

    assertThat(copy.code()).isNotZero();
    assertThat(copy.err()).contains(missing.toString());
    assertThat(copy.err().lines()).hasSize(1);
    assertThat(Files.exists(missing)).isFalse();
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void copyingADatabaseIntoItselfIsRefused() {
    Result copy =
        run(
            "copy",
            "--from",
            sqlite.toString(),
            "--to",
            directory.resolve(".").resolve("filesight.db").toString());

    assertThat(copy.code()).isEqualTo(FilesightCli.USAGE);
    assertThat(copy.err()).contains("--to").contains("names the database to copy from");
  }

  @Test
  void anUnknownPostgresDatabaseExitsTwoNamingTheSetting() {
    PostgresSettings postgres = TestPostgres.freshDatabase();
    environment.put("FILESIGHT_DB_USER", postgres.user());

    Result copy =
        run("copy", "--from", sqlite.toString(), "--to", TestPostgres.url("no_such_database"));

    assertThat(copy.code()).isEqualTo(FilesightCli.USAGE);
    assertThat(copy.err()).contains("--to").contains("no_such_database");
  }

  /** Everything a store holds, read through the copy's own reader on each engine. */
  record Contents(
      List<Machine> machines,
      List<Observation> observations,
      Optional<AccessConfiguration> access) {}

  private static Contents contentsOf(Path file) {
    try (SqliteDatabase database = SqliteDatabase.open(file, false)) {
      return contentsOf(database);
    }
  }

  private static Contents contentsOf(PostgresSettings settings) {
    try (PostgresDatabase database = PostgresDatabase.create(settings)) {
      database.migrate();
      return contentsOf(database);
    }
  }

  private static Contents contentsOf(Database database) {
    try (StoreContents contents = JdbcStoreContents.open(database)) {
      return new Contents(
          all(contents.machines()), all(contents.observations()), contents.accessConfiguration());
    }
  }

  private static <T> List<T> all(StoreContents.Rows<T> rows) {
    List<T> values = new ArrayList<>();
    try (rows) {
      for (T value = rows.next(); value != null; value = rows.next()) {
        values.add(value);
      }
    }
    return values;
  }

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FilesightCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
