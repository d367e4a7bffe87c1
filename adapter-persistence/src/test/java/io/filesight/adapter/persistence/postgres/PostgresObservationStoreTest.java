package io.filesight.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first-load path of PostgreSQL imports ({@link PostgresBacklog}): the store it builds is the
 * store the migrations made, it shows when the import ends, and it keeps every record when other
 * imports write meanwhile.
 */
class PostgresObservationStoreTest {
  private static final String OTHER_SHA1 = "f".repeat(40);

  private final PostgresDatabase database = TestPostgres.migratedDatabase();
  private final PostgresObservationStore store = new PostgresObservationStore(database);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aFirstImportBuildsTablesShapedExactlyAsTheMigrationsMadeThem() {
    List<String> migrated = shape();

    try (ImportSession<Observation> session = store.beginImport()) {
      session.append(observations(0, 300));
      session.commit(false);
      session.append(observations(300, 600));
      session.commit(true);
    }

    assertThat(shape()).containsExactlyElementsOf(migrated);
    assertThat(count("observation")).isEqualTo(600);
    assertThat(backlogRows()).isZero();
  }

  @Test
  void lookupsPreparedBeforeAFirstImportReadTheTablesItSwappedIn() {
    JdbiMachineRepository lookups = new JdbiMachineRepository(database);
    FileHash file = FileHash.parse("a".repeat(40));
    // More than the driver's threshold, so that the server holds the prepared lookup.
    for (int i = 0; i < 10; i++) {
      assertThat(lookups.findSeenWith(file, GroupScope.all(), Page.first())).isEmpty();
    }

    try (ImportSession<Observation> session = store.beginImport()) {
      session.append(observations(0, 3));
      session.commit(true);
    }

    assertThat(lookups.findSeenWith(file, GroupScope.all(), Page.first())).isPresent();
    assertThat(lookups.findSeenWith(FileHash.parse("b".repeat(64)), GroupScope.all(), Page.first()))
        .isPresent();
  }

  @Test
  void aFirstImportShowsWhenItEndsAndCountsEachPairOnce() {
    try (ImportSession<Observation> session = store.beginImport()) {
      session.append(observations(0, 100));
      session.append(observations(50, 150)); // 50 pairs again, in the same batch
      assertThat(session.commit(false)).isEqualTo(StoredCounts.NONE);
      assertThat(count("observation")).isZero();
      assertThat(backlogRows()).isEqualTo(200 + 1); // the observations and the one file

      session.append(observations(100, 200)); // 50 pairs again, in another batch
      assertThat(session.commit(true)).isEqualTo(new StoredCounts(200, 0));
    }

    assertThat(count("observation")).isEqualTo(200);
    assertThat(count("seen_file")).isEqualTo(1);
    assertThat(
            query(
                "SELECT first_seen_ns, last_seen_ns FROM observation WHERE machine_id = '"
                    + machine(120).value()
                    + "'"))
        .containsExactly(seenNs(120) + "," + seenNs(120));
  }

  @Test
  void anImportMeetingAnotherThatHoldsTheBacklogUpsertsAndBothLand() {
    try (ImportSession<Observation> first = store.beginImport()) {
      first.append(observations(0, 100));
      first.commit(false);

      // The first import holds the backlog: this one writes through the per-batch upsert.
      try (ImportSession<Observation> other = store.beginImport()) {
        other.append(observations(OTHER_SHA1, 80, 120, 1_000));
        assertThat(other.commit(true)).isEqualTo(new StoredCounts(40, 0));
      }
      assertThat(count("observation")).isEqualTo(40);

      // The store holds observations by now: the backlog is upserted, not built.
      first.append(observations(100, 150));
      assertThat(first.commit(true)).isEqualTo(new StoredCounts(150, 0));
    }

    assertThat(count("observation")).isEqualTo(190);
    assertThat(count("seen_file")).isEqualTo(2);
    assertThat(backlogRows()).isZero();
    assertThat(query("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"))
        .containsExactly("0");
  }

  @Test
  void theBacklogOfAKilledFirstImportIsBuiltByTheNextImport() {
    try (ImportSession<Observation> killed = store.beginImport()) {
      killed.append(observations(0, 100));
      killed.commit(false);
      killed.append(observations(100, 200)); // never committed
    }
    assertThat(count("observation")).isZero();

    try (ImportSession<Observation> next = store.beginImport()) {
      next.append(observations(OTHER_SHA1, 0, 10, 0));
      assertThat(next.commit(true)).isEqualTo(new StoredCounts(110, 0));
    }

    assertThat(count("observation")).isEqualTo(110);
    assertThat(count("seen_file")).isEqualTo(2);
    assertThat(backlogRows()).isZero();
  }

  @Test
  void leftoverBacklogRowsAreUpsertedIntoAStoreThatHoldsObservations() {
    try (ImportSession<Observation> killed = store.beginImport()) {
      killed.append(observations(0, 100));
      killed.commit(false);
    }
    // A store with observations already, as when a rerun meets rows another import wrote.
    database
        .reads()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO observation VALUES (?, ?, 1, 1)",
                    OTHER_SHA1,
                    machine(999).value()));

    try (ImportSession<Observation> next = store.beginImport()) {
      next.append(observations(90, 110));
      assertThat(next.commit(true)).isEqualTo(new StoredCounts(110, 0));
    }

    assertThat(count("observation")).isEqualTo(111);
    assertThat(backlogRows()).isZero();
  }

  /** Columns, constraints and indexes of the two tables a first import builds, in one list. */
  private List<String> shape() {
    List<String> shape = new ArrayList<>();
    shape.addAll(
        query(
            "SELECT table_name, column_name, ordinal_position, data_type,"
                + " character_maximum_length, collation_name, is_nullable, column_default"
                + " FROM information_schema.columns"
                + " WHERE table_name IN ('observation', 'seen_file')"
                + " ORDER BY table_name, ordinal_position"));
    shape.addAll(
        query(
            "SELECT conrelid::regclass, conname, contype, pg_get_constraintdef(oid)"
                + " FROM pg_constraint"
                + " WHERE conrelid IN ('observation'::regclass, 'seen_file'::regclass)"
                + " ORDER BY 1, 2"));
    shape.addAll(
        query(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
                + " WHERE tablename IN ('observation', 'seen_file') ORDER BY 1, 2"));
    shape.addAll(
        query(
            "SELECT relname, relpersistence, relkind FROM pg_class"
                + " WHERE relname IN ('observation', 'seen_file') ORDER BY 1"));
    return shape;
  }

  private long backlogRows() {
    long rows = count("seen_file_backlog");
    for (char digit : "0123456789abcdef".toCharArray()) {
      rows += count("observation_backlog_" + digit);
    }
    return rows;
  }

  private long count(String table) {
    return Long.parseLong(query("SELECT COUNT(*) FROM " + table).get(0));
  }

  /** Each row of {@code sql}'s answer as its columns joined by commas. */
  private List<String> query(String sql) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(sql)
                    .map(
                        (rows, context) -> {
                          StringBuilder row = new StringBuilder();
                          int columns = rows.getMetaData().getColumnCount();
                          for (int i = 1; i <= columns; i++) {
                            row.append(i > 1 ? "," : "").append(rows.getString(i));
                          }
                          return row.toString();
                        })
                    .list());
  }

  private static List<Observation> observations(int from, int to) {
    return observations("a".repeat(40), from, to, 0);
  }

  /** Observations of {@code sha1} on machines {@code from} to {@code to} (excluded). */
  private static List<Observation> observations(String sha1, int from, int to, long shift) {
    List<Observation> observations = new ArrayList<>();
    for (int i = from; i < to; i++) {
      observations.add(
          new Observation(
              FileHash.parse(sha1),
              FileHash.parse("b".repeat(64)),
              FileHash.parse("c".repeat(32)),
              "tool.exe",
              machine(i),
              Instant.ofEpochSecond(1_700_000_000L + i + shift)));
    }
    return observations;
  }

  private static long seenNs(int machine) {
    return (1_700_000_000L + machine) * 1_000_000_000L;
  }

  private static MachineId machine(int number) {
    return MachineId.of(String.format("%040x", number));
  }
}
