package io.filesight.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationStagingTest {
  private static final FileHash SHA1 = FileHash.parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
  private static final FileHash SHA256 =
      FileHash.parse("2078e819f741b154d079081eadc6ab5e35dc33e20a0bc993621f530f882c89e5");
  private static final FileHash MD5 = FileHash.parse("c30f1a935efd24aec7d62eb2c88b6d2e");
  private static final MachineId M1 = MachineId.of("1".repeat(40));
  private static final MachineId M2 = MachineId.of("2".repeat(40));

  @TempDir Path directory;

  @Test
  void aChunkKeepsTheEarliestAndLatestTimeAndCountsEachFileAndMachineOnce() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      StoredCounts counts =
          chunk(
              database,
              List.of(
                  seen(M1, "2024-05-03T10:00:00Z"),
                  seen(M1, "2024-05-01T10:00:00Z"),
                  seen(M1, null),
                  seen(M1, "2024-05-02T10:00:00Z"),
                  seen(M2, null)));

      assertThat(counts).isEqualTo(new StoredCounts(2, 0));
      assertThat(observations(database))
          .containsExactly(
              row(M1, "2024-05-01T10:00:00Z", "2024-05-03T10:00:00Z"), row(M2, null, null));
    }
  }

  @Test
  void aLaterChunkWidensTheSpanAndCountsOnlyRowsItChanged() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      chunk(database, List.of(seen(M1, "2024-05-02T10:00:00Z"), seen(M2, null)));

      StoredCounts counts =
          chunk(
              database,
              List.of(
                  seen(M1, "2024-05-01T10:00:00Z"), // widens M1 to the left
                  seen(M1, "2024-05-02T10:00:00Z"),
                  seen(M2, "2024-05-04T10:00:00Z"), // gives M2 its first time
                  seen(MachineId.of("3".repeat(40)), null)));
      StoredCounts again = chunk(database, List.of(seen(M1, "2024-05-02T10:00:00Z")));

      assertThat(counts).isEqualTo(new StoredCounts(1, 2));
      assertThat(again).isEqualTo(new StoredCounts(0, 0));
      assertThat(observations(database))
          .containsExactly(
              row(M1, "2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z"),
              row(M2, "2024-05-04T10:00:00Z", "2024-05-04T10:00:00Z"),
              row(MachineId.of("3".repeat(40)), null, null));
    }
  }

  @Test
  void aFileKeepsItsKnownDigestsAndTakesNewOnes() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      chunk(
          database,
          List.of(
              new Observation(SHA1, SHA256, null, "a.exe", M1, null),
              new Observation(SHA1, null, null, null, M2, null)));
      assertThat(file(database)).containsExactly(SHA256.hex(), null, "a.exe");

      chunk(database, List.of(new Observation(SHA1, null, MD5, "b.exe", M1, null)));
      assertThat(file(database)).containsExactly(SHA256.hex(), MD5.hex(), "b.exe");

      // Seen again with the old name in a later chunk: the later record wins, as record by record.
      chunk(database, List.of(new Observation(SHA1, null, null, "a.exe", M2, null)));
      assertThat(file(database)).containsExactly(SHA256.hex(), MD5.hex(), "a.exe");
    }
  }

  @Test
  void aRolledBackChunkLeavesNothingStaged() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      ObservationStaging staging = new ObservationStaging();
      try {
        database
            .writes()
            .useTransaction(
                h -> {
                  staging.stage(h.getConnection(), List.of(seen(M1, null)));
                  throw new IllegalStateException("crash before the move");
                });
      } catch (IllegalStateException expected) {
        // the chunk is rolled back
      }

      StoredCounts counts = chunk(database, List.of(seen(M2, null)));

      assertThat(counts).isEqualTo(new StoredCounts(1, 0));
      assertThat(observations(database)).containsExactly(row(M2, null, null));
    }
  }

  @Test
  void wideningStoredRowsFindsEachByItsKey() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      chunk(database, List.of(seen(M1, null)));
      List<String> plan =
          database
              .writes()
              .withHandle(
                  h -> {
                    h.execute(
                        "CREATE TEMP TABLE IF NOT EXISTS grouped_observation (sha1 TEXT NOT NULL,"
                            + " machine_id TEXT NOT NULL, first_seen_ns INTEGER,"
                            + " last_seen_ns INTEGER)");
                    return h.createQuery("EXPLAIN QUERY PLAN " + ObservationStaging.WIDEN)
                        .map((row, ctx) -> row.getString("detail"))
                        .list();
                  });

      assertThat(plan)
          .contains("SCAN g", "SEARCH observation USING PRIMARY KEY (sha1=? AND machine_id=?)");
    }
  }

  private static StoredCounts chunk(SqliteDatabase database, List<Observation> observations)
      throws SQLException {
    ObservationStaging staging = new ObservationStaging();
    return database
        .writes()
        .inTransaction(
            h -> {
              // Two parts, as the importer hands them over.
              int half = observations.size() / 2;
              staging.stage(h.getConnection(), observations.subList(0, half));
              staging.stage(h.getConnection(), observations.subList(half, observations.size()));
              return staging.move(h.getConnection());
            });
  }

  private static Observation seen(MachineId machine, String at) {
    return new Observation(SHA1, null, null, null, machine, at == null ? null : Instant.parse(at));
  }

  private static List<Object> row(MachineId machine, String first, String last) {
    return java.util.Arrays.asList(
        machine.value(),
        first == null ? null : EpochNanos.of(Instant.parse(first)),
        last == null ? null : EpochNanos.of(Instant.parse(last)));
  }

  private static List<List<Object>> observations(SqliteDatabase database) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT machine_id, first_seen_ns, last_seen_ns FROM observation"
                            + " ORDER BY machine_id")
                    .map((rs, ctx) -> row(rs.getString(1), longOrNull(rs, 2), longOrNull(rs, 3)))
                    .list());
  }

  private static Long longOrNull(java.sql.ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static List<Object> row(String machine, Long first, Long last) {
    return java.util.Arrays.asList(machine, first, last);
  }

  private static List<Object> file(SqliteDatabase database) {
    Map<String, Object> row =
        database
            .reads()
            .withHandle(
                h ->
                    h.createQuery("SELECT sha256, md5, file_name FROM seen_file").mapToMap().one());
    return java.util.Arrays.asList(row.get("sha256"), row.get("md5"), row.get("file_name"));
  }
}
