package io.filesight.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.adapter.persistence.Stores;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the SQLite observation store uses its backlog: what the contract cannot see from outside. */
class SqliteObservationStoreTest {
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final MachineId M1 = MachineId.of("1".repeat(40));
  private static final MachineId M2 = MachineId.of("2".repeat(40));

  @TempDir Path directory;
  private SqliteDatabase database;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(directory.resolve("filesight.db"), true);
    Stores.machines(database, List.of(Machine.builder(M1).build(), Machine.builder(M2).build()));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aFirstImportCommitsToTheBacklogAndItsLastCommitMovesEverything() {
    List<List<Long>> afterEachCommit = new ArrayList<>();
    List<StoredCounts> counts = new ArrayList<>();
    List<Observation> sightings =
        List.of(
            seen(SHA1, M1, "2024-05-01T10:00:00Z"),
            seen(SHA1, M1, "2024-05-03T10:00:00Z"),
            seen(SHA1, M2, "2024-05-02T10:00:00Z"));

    try (ImportSession<Observation> session = new SqliteObservationStore(database).beginImport()) {
      for (int i = 0; i < sightings.size(); i++) {
        session.append(List.of(sightings.get(i)));
        counts.add(session.commit(i == sightings.size() - 1));
        afterEachCommit.add(
            List.of(
                count("observation"),
                backlogCount(),
                count("seen_file"),
                count("seen_file_backlog")));
      }
    }

    assertThat(afterEachCommit)
        .containsExactly(List.of(0L, 1L, 0L, 1L), List.of(0L, 2L, 0L, 1L), List.of(2L, 0L, 1L, 0L));
    assertThat(counts)
        .containsExactly(new StoredCounts(0, 0), new StoredCounts(0, 0), new StoredCounts(2, 0));
  }

  @Test
  void aFirstImportLeavesFewFreePagesBehindItsBacklog() {
    SplittableRandom random = new SplittableRandom(11);
    try (ImportSession<Observation> session = new SqliteObservationStore(database).beginImport()) {
      for (int batch = 0; batch < 10; batch++) {
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
          String sha1 = String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), i);
          observations.add(seen(sha1, random.nextBoolean() ? M1 : M2, null));
        }
        session.append(observations);
        session.commit(batch == 9);
      }
    }

    // The backlog took about as many pages as the rows it moved into observation and seen_file:
    // moved one of its 16 tables at a time, each freeing its pages for the next table's rows, it
    // leaves a fraction of them free (all of them, moved as one table).
    long storedPages =
        pages("SELECT COUNT(*) FROM dbstat WHERE name IN ('observation', 'seen_file')");
    long freePages = pages("PRAGMA freelist_count");
    assertThat(count("observation")).isEqualTo(40_000);
    assertThat(backlogCount()).isZero();
    assertThat(storedPages).isGreaterThan(1000);
    assertThat(freePages).isLessThan(storedPages / 3);
  }

  @Test
  void rowsAnInterruptedFirstImportLeftInTheBacklogAreMovedByTheNextImport() {
    // What a first import killed after committing a batch leaves: its file and its observation,
    // in the backlog only.
    database
        .writes()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO seen_file_backlog (sha1, file_name) VALUES (?, ?)", SHA1, "a.exe");
              h.execute(
                  "INSERT INTO observation_backlog_1 (sha1, machine_id, seen_ns) VALUES (?, ?, ?)",
                  SHA1,
                  M1.value(),
                  EpochNanos.of(Instant.parse("2024-05-01T10:00:00Z")));
            });

    StoredCounts counts = Stores.observations(database, List.of(seen(SHA1, M2, null)));

    assertThat(counts).isEqualTo(new StoredCounts(2, 0));
    assertThat(count("observation")).isEqualTo(2);
    assertThat(backlogCount() + count("seen_file_backlog")).isZero();
    String name =
        database
            .reads()
            .withHandle(
                h -> h.createQuery("SELECT file_name FROM seen_file").mapTo(String.class).one());
    assertThat(name).isEqualTo("a.exe");
  }

  @Test
  void aRerunOfAnInterruptedFirstImportAppendsToTheBacklogOnlyWhatWasNotCommitted() {
    List<Observation> file = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      file.add(seen(String.format("%040x", i * 7919L), i % 2 == 0 ? M1 : M2, null));
    }
    try (ImportSession<Observation> interrupted =
        new SqliteObservationStore(database).beginImport()) {
      interrupted.resume("file.csv");
      interrupted.append(file.subList(0, 100));
      interrupted.commit(false);
      interrupted.append(file.subList(100, 200));
      interrupted.commit(false);
      interrupted.append(file.subList(200, 300));
    }

    long backlogBefore = backlogCount();
    long backlogDuringRerun;
    try (ImportSession<Observation> rerun = new SqliteObservationStore(database).beginImport()) {
      int from = (int) rerun.resume("file.csv").records();
      rerun.append(file.subList(from, 400));
      rerun.commit(false);
      backlogDuringRerun = backlogCount();
      rerun.append(file.subList(400, 500));
      rerun.commit(true);
    }

    assertThat(backlogBefore).isEqualTo(200);
    assertThat(backlogDuringRerun).isEqualTo(400);
    assertThat(count("observation")).isEqualTo(500);
    assertThat(backlogCount() + count("seen_file_backlog") + count("import_progress")).isZero();
  }

  @Test
  void theWriterChecksForeignKeysAgainWhenTheImportEnds() {
    Stores.observations(database, List.of(seen(SHA1, M1, null)));

    long enforced =
        database
            .writes()
            .withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Long.class).one());
    assertThat(enforced).isEqualTo(1);
  }

  private static Observation seen(String sha1, MachineId machine, String at) {
    return new Observation(
        FileHash.parse(sha1), null, null, null, machine, at == null ? null : Instant.parse(at));
  }

  private long pages(String query) {
    return database.reads().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
  }

  /** Sightings in the 16 observation backlog tables. */
  private long backlogCount() {
    long sum = 0;
    for (char digit : "0123456789abcdef".toCharArray()) {
      sum += count("observation_backlog_" + digit);
    }
    return sum;
  }

  private long count(String table) {
    return database
        .reads()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
