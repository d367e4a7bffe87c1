package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.domain.HashAlgorithm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lookup is one query whose cost follows the machines it returns: SQLite searches the
 * observation primary key for the file (already in machine id order) and the machine primary key
 * per row, never scanning a table or sorting.
 */
class LookupQueryPlanTest {
  @TempDir Path directory;
  private SqliteDatabase database;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(directory.resolve("plan.db"), true);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @ParameterizedTest
  @CsvSource({
    "SHA1, 0, false",
    "SHA1, 0, true",
    "SHA1, 3, true",
    "SHA256, 0, false",
    "SHA256, 2, true",
    "MD5, 0, true",
    "MD5, 5, true"
  })
  void pageQuerySearchesIndexesAndNeverScansOrSorts(
      HashAlgorithm algorithm, int groups, boolean joinMachines) {
    List<String> plan =
        plan(JdbiMachineRepository.pageSql(algorithm, groups, joinMachines), groups);

    String text = String.join("\n", plan);
    assertThat(text)
        .containsPattern("SEARCH o USING PRIMARY KEY \\(sha1=\\?\\)")
        .doesNotContainPattern("SCAN (o|m|observation|machine)\\b")
        .doesNotContain("TEMP B-TREE");
    if (joinMachines) {
      assertThat(text)
          .containsPattern(
              "SEARCH m USING (COVERING )?INDEX sqlite_autoindex_machine_1 \\(id=\\?\\)");
    } else {
      assertThat(text).doesNotContain("SEARCH m");
    }
    if (algorithm != HashAlgorithm.SHA1) {
      assertThat(text)
          .contains("SEARCH f USING INDEX seen_file_by_" + algorithm.name().toLowerCase());
    }
  }

  @Test
  void machinesAreReadByPrimaryKey() {
    String sql = JdbiMachineRepository.MACHINES_BY_ID;
    List<String> plan =
        database
            .reads()
            .withHandle(
                h -> {
                  var query = h.createQuery("EXPLAIN QUERY PLAN " + sql);
                  for (int i = 0; i < JdbiMachineRepository.FETCH_CHUNK; i++) {
                    query.bind(i, "id" + i);
                  }
                  return query.map((row, ctx) -> row.getString("detail")).list();
                });

    assertThat(String.join("\n", plan))
        .contains("SEARCH m USING INDEX sqlite_autoindex_machine_1 (id=?)")
        .doesNotContainPattern("SCAN (m|machine)\\b");
  }

  private List<String> plan(String sql, int groups) {
    return database
        .reads()
        .withHandle(
            h -> {
              var query = h.createQuery("EXPLAIN QUERY PLAN " + sql);
              int i = 0;
              query.bind(i++, "x");
              for (int g = 0; g < groups; g++) {
                query.bind(i++, (long) g);
              }
              query.bind(i++, 101);
              query.bind(i, 0L);
              return query.map((row, ctx) -> row.getString("detail")).list();
            });
  }
}
