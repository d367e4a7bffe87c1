package io.filesight.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.DatabaseReadinessProbe;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.Page;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

  @Test
  void aDatabaseNotMigratedYetIsNotReadyAndAnswersUnavailable() {
    try (PostgresDatabase database = PostgresDatabase.create(TestPostgres.freshDatabase())) {
      assertThatThrownBy(() -> new DatabaseReadinessProbe(database).check())
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("not ready yet");
      assertThatThrownBy(
              () ->
                  new JdbiMachineRepository(database)
                      .findSeenWith(
                          FileHash.parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
                          GroupScope.all(),
                          Page.first()))
          .isInstanceOf(DatabaseUnavailableException.class);

      database.migrate();

      new DatabaseReadinessProbe(database).check();
      assertThat(database.migrated()).isTrue();
    }
  }

  @Test
  void aDatabaseThatDoesNotExistIsASettingToFix() {
    PostgresSettings settings =
        PostgresSettings.of(TestPostgres.url("no_such_database"), "postgres", "");
    try (PostgresDatabase database = PostgresDatabase.create(settings)) {
      assertThatThrownBy(database::migrate)
          .isInstanceOf(DatabaseConfigurationException.class)
          .hasMessageContaining("no_such_database")
          .hasMessageContaining("3D000");
    }
  }

  @Test
  void aRoleThatDoesNotExistIsASettingToFix() {
    String url = TestPostgres.freshDatabase().url();
    try (PostgresDatabase database =
        PostgresDatabase.create(PostgresSettings.of(url, "nobody_here", "secret"))) {
      assertThatThrownBy(database::migrate)
          .isInstanceOf(DatabaseConfigurationException.class)
          .hasMessageContaining("28000")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void anUnreachableServerIsAnOutageToWaitOutWithinTheConnectionBound() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PostgresSettings settings =
        new PostgresSettings(
            "jdbc:postgresql://127.0.0.1:" + closedPort + "/filesight",
            "postgres",
            "",
            2,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    try (PostgresDatabase database = PostgresDatabase.create(settings)) {
      long start = System.nanoTime();
      assertThatThrownBy(database::migrate)
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + closedPort);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aStartWithNothingPendingAppliesNothing() {
    PostgresSettings settings = TestPostgres.freshDatabase();
    long applied;
    try (PostgresDatabase first = PostgresDatabase.create(settings)) {
      first.migrate();
      applied = historyRows(first);
    }
    try (PostgresDatabase again = PostgresDatabase.create(settings)) {
      again.migrate();

      assertThat(applied).isGreaterThanOrEqualTo(7);
      assertThat(historyRows(again)).isEqualTo(applied);
    }
  }

  private static long historyRows(PostgresDatabase database) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM flyway_schema_history")
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void aSchemaFromANewerFilesightIsRefused() {
    PostgresSettings settings = TestPostgres.freshDatabase();
    try (PostgresDatabase database = PostgresDatabase.create(settings)) {
      database.migrate();
      database
          .writes()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, execution_time, success)"
                          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
                          + " 'test', 0, true)"));
    }
    try (PostgresDatabase newer = PostgresDatabase.create(settings)) {
      assertThatThrownBy(newer::migrate)
          .isInstanceOf(DatabaseConfigurationException.class)
          .hasMessageContaining("newer filesight")
          .hasMessageContaining("99");
    }
  }

  @Test
  void theLookupsPageQueryIsARangeScanOfTheKey() throws Exception {
    try (PostgresDatabase database = TestPostgres.migratedDatabase();
        Connection connection = database.readConnection()) {
      List<String> plan = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET enable_seqscan = off");
        statement.execute(
            "PREPARE page (text, int, bigint) AS "
                + JdbiMachineRepository.pageSql(HashAlgorithm.SHA1, 0, false)
                    .replaceFirst("\\?", "\\$1")
                    .replaceFirst("\\?", "\\$2")
                    .replaceFirst("\\?", "\\$3"));
        try (ResultSet rows =
            statement.executeQuery(
                "EXPLAIN EXECUTE page('1e5bc9d7e413ddd7902c2932e418702b84d0cc07', 101, 0)")) {
          while (rows.next()) {
            plan.add(rows.getString(1));
          }
        }
      }

      assertThat(String.join("\n", plan)).contains("observation_pkey");
    }
  }

  @Test
  void aLookupsStatementIsBoundedAndAnImportsIsNot() {
    PostgresSettings bounded =
        new PostgresSettings(
            TestPostgres.freshDatabase().url(),
            "postgres",
            "",
            2,
            Duration.ofSeconds(3),
            Duration.ofMillis(500));
    try (PostgresDatabase database = PostgresDatabase.create(bounded)) {
      database.migrate();

      assertThatThrownBy(() -> database.reads().useHandle(h -> h.execute("SELECT pg_sleep(2)")))
          .hasMessageContaining("statement timeout");
      database
          .writes()
          .useTransaction(
              (Handle h) -> {
                try {
                  database.importing(h.getConnection());
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
                h.execute("SELECT pg_sleep(1)");
              });
    }
  }
}
