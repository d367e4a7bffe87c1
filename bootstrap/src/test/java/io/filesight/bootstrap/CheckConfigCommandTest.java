package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filesight check-config}: serve's settings checked and printed without secrets; exit 0 when
 * serve would start, 2 for a bad setting, 1 when the database or the key endpoint cannot be
 * reached.
 */
class CheckConfigCommandTest {
  private static final String TENANT = EndToEndContract.TENANT;

  @TempDir Path dir;
  private Path store;
  private Path jwks;
  private final Map<String, String> environment = new HashMap<>();
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  @BeforeEach
  void storeAndKeys() throws Exception {
    store = dir.resolve("filesight.db");
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(store, true));
    DevelopmentKeys.generate(dir.resolve("keys"));
    jwks = dir.resolve("keys").resolve("jwks.json");
  }

  @Test
  void soundConfigurationExits0AndPrintsEachValueWithItsOrigin() throws Exception {
    Path config = Files.write(dir.resolve("filesight.properties"), List.of("header-timeout=30s"));
    environment.put("FILESIGHT_CONFIG", config.toString());
    environment.put("FILESIGHT_UNKNOWN_FILE", "empty");

    int code = checkConfig("--db", store.toString(), "--jwks", jwks.toString());

    assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString())
        .contains("config = " + config + "  [FILESIGHT_CONFIG]")
        .contains("db = " + store + "  [flag]")
        .contains("port = 8080  [default]")
        .contains("unknown-file = empty  [FILESIGHT_UNKNOWN_FILE]")
        .contains("header-timeout = 30s  [" + config + " (header-timeout)]")
        .contains("tenant = " + TENANT + "  [flag]")
        .contains("database: " + store + ": schema version ")
        .contains("up to date")
        .contains("keys: signing keys loaded from file " + jwks)
        .contains("ok: serve would start");
    assertThat(stderr.toString()).isEmpty();
  }

  @Test
  void theEffectiveQuotaIsPrintedAndStoredByServeWhenTheDatabaseHasNone() {
    int code =
        checkConfig("--db", store.toString(), "--jwks", jwks.toString(), "--quota", "20/1m,600/1h");

    assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString())
        .contains("quota = 20/1m,600/1h  [flag]")
        .contains("effective quota = 20/60s,600/3600s")
        .contains("quota: 20/60s,600/3600s; the database stores no policy yet");
  }

  @Test
  void aQuotaOtherThanTheStoredPolicyExits2NamingBothUnlessItReplacesIt() throws Exception {
    execute(store, "INSERT INTO quota_policy (id, policy) VALUES (1, '100/60s,1500/3600s')");

    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString()))
        .as(stderr.toString())
        .isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString())
        .contains("quota: 100/60s,1500/3600s, the policy the database stores for every instance");

    environment.put("FILESIGHT_QUOTA", "3/60s");
    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString().strip().lines()).hasSize(1);
    assertThat(stderr.toString())
        .contains("--quota (FILESIGHT_QUOTA): asks for 3/60s but the database " + store)
        .contains("stores 100/60s,1500/3600s")
        .contains("--quota-replace");

    stdout.getBuffer().setLength(0);
    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString(), "--quota-replace"))
        .isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString())
        .contains("quota: 3/60s will replace the policy 100/60s,1500/3600s the database stores");
    assertThat(sqlite(store, "SELECT policy FROM quota_policy")).isEqualTo("100/60s,1500/3600s");
  }

  @Test
  void olderSchemaIsReportedAndNotMigrated() throws Exception {
    String latest = sqlite(store, "SELECT MAX(installed_rank) FROM flyway_schema_history");
    execute(store, "DELETE FROM flyway_schema_history WHERE installed_rank = " + latest);
    byte[] before = Files.readAllBytes(store);

    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString()))
        .as(stderr.toString())
        .isEqualTo(FilesightCli.OK);

    assertThat(stdout.toString()).contains("1 migration(s) to apply at start");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
    assertThat(sqlite(store, "SELECT MAX(installed_rank) FROM flyway_schema_history"))
        .isNotEqualTo(latest);
  }

  @Test
  void badSettingExits2NamingIt() {
    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString(), "--port", "70000"))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--port (FILESIGHT_PORT)").contains("70000");
    assertThat(stderr.toString().lines()).hasSize(1);
  }

  @Test
  void badSettingFromTheEnvironmentExits2() {
    environment.put("FILESIGHT_UNKNOWN_FILE", "maybe");

    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("FILESIGHT_UNKNOWN_FILE").contains("maybe");
  }

  @Test
  void missingKeyFileExits2() {
    assertThat(checkConfig("--db", store.toString(), "--jwks", dir.resolve("none.json").toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--jwks");
  }

  @Test
  void schemaOfANewerFilesightExits2() throws Exception {
    execute(
        store,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (999, '999', 'future',"
            + " 'SQL', 'V999__future.sql', 0, 'test', 0, 1)");

    assertThat(checkConfig("--db", store.toString(), "--jwks", jwks.toString()))
        .isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--db").contains("newer filesight");
  }

  @Test
  void missingSqliteFileExits1AsServeWould() {
    Path missing = dir.resolve("missing.db");

    assertThat(checkConfig("--db", missing.toString(), "--jwks", jwks.toString()))
        .isEqualTo(FilesightCli.FAILURE);
    assertThat(stderr.toString()).contains("no database at " + missing);
    assertThat(missing).doesNotExist();
  }

  @Test
  void unreachableKeyEndpointExits1() throws Exception {
    int closed = closedPort();

    int code =
        checkConfig(
            "--db", store.toString(), "--jwks", "http://127.0.0.1:" + closed + "/keys.json");

    assertThat(code).as(stdout.toString()).isEqualTo(FilesightCli.FAILURE);
    assertThat(stderr.toString()).contains("127.0.0.1:" + closed);
    assertThat(stderr.toString().lines()).hasSize(1);
  }

  @Test
  void unreachablePostgresExits1AndNoPasswordIsPrinted() throws Exception {
    int closed = closedPort();
    Path config =
        Files.write(
            dir.resolve("filesight.properties"),
            List.of("db-user=filesight", "db-password=from-the-file-s3cret"));
    environment.put("FILESIGHT_DB_PASSWORD", "from-the-environment-s3cret");

    int code =
        checkConfig(
            "--config",
            config.toString(),
            "--db",
            "jdbc:postgresql://127.0.0.1:" + closed + "/filesight?password=in-the-url-s3cret",
            "--jwks",
            jwks.toString());

    assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.FAILURE);
    String printed = stdout.toString() + stderr.toString();
    assertThat(printed).doesNotContain("s3cret");
    assertThat(stdout.toString())
        .contains("db = jdbc:postgresql://127.0.0.1:" + closed + "/filesight  [flag]")
        .contains("db-user = filesight")
        .contains("db-password = ***");
    assertThat(stderr.toString()).contains("cannot connect to the database");
  }

  @Test
  void passwordInTheUserInfoOfTheUrlIsNotPrinted() throws Exception {
    int closed = closedPort();

    checkConfig(
        "--db",
        "jdbc:postgresql://reader:userinfo-s3cret@127.0.0.1:" + closed + "/filesight",
        "--jwks",
        jwks.toString());

    assertThat(stdout.toString() + stderr.toString()).doesNotContain("s3cret");
    assertThat(stdout.toString()).contains("db-user = reader").contains("db-password = ***");
  }

  @Test
  void postgresIsConnectedAndItsSchemaReadWithoutMigrating() throws Exception {
    PostgresSettings migrated = TestPostgres.freshDatabase();
    try (PostgresDatabase database = PostgresDatabase.create(migrated)) {
      database.migrate();
    }
    environment.put("FILESIGHT_DB_USER", migrated.user());

    assertThat(checkConfig("--db", migrated.url(), "--jwks", jwks.toString()))
        .as(stderr.toString())
        .isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString()).contains("database: " + migrated.url() + ": schema version");
    assertThat(stdout.toString()).contains("up to date");

    PostgresSettings empty = TestPostgres.freshDatabase();
    stdout.getBuffer().setLength(0);
    assertThat(checkConfig("--db", empty.url(), "--jwks", jwks.toString()))
        .as(stderr.toString())
        .isEqualTo(FilesightCli.OK);
    assertThat(stdout.toString()).contains("no schema yet").contains("to apply at start");
    try (Connection connection =
            DriverManager.getConnection(empty.url(), empty.user(), empty.password());
        Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      tables.next();
      assertThat(tables.getInt(1)).as("tables created").isZero();
    }
  }

  @Test
  void postgresDatabaseThatDoesNotExistExits2() {
    environment.put("FILESIGHT_DB_USER", "postgres");

    int code =
        checkConfig("--db", TestPostgres.url("no_such_database_here"), "--jwks", jwks.toString());

    assertThat(code).as(stderr.toString()).isEqualTo(FilesightCli.USAGE);
    assertThat(stderr.toString()).contains("--db").contains("no_such_database_here");
  }

  private int checkConfig(String... args) {
    List<String> argv = new ArrayList<>(List.of("check-config", "--tenant", TENANT));
    argv.addAll(List.of(args));
    return FilesightCli.run(
        environment,
        new PrintWriter(stdout, true),
        new PrintWriter(stderr, true),
        argv.toArray(String[]::new));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String sqlite(Path file, String query) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void execute(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
