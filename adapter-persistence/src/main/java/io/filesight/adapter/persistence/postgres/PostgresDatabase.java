package io.filesight.adapter.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.filesight.adapter.persistence.ConnectionPoolGauges;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.JdbiQuotaPolicyStore;
import io.filesight.adapter.persistence.Migrations;
import io.filesight.adapter.persistence.SchemaStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Secondary adapter infrastructure: a PostgreSQL database that several filesight instances share,
 * through one connection pool per instance. Creating it connects to nothing, so a server can start
 * while the database is still unreachable; {@link #migrate()} connects and brings the schema to
 * this build's, and until it has, every use answers {@link DatabaseUnavailableException}.
 */
public final class PostgresDatabase implements Database {
  /** SQL states that no waiting will cure: the setting must change. */
  private static final Set<String> CONFIGURATION_STATES =
      Set.of(
          "28000", // invalid authorization specification (no such role, pg_hba refuses)
          "28P01", // wrong password
          "3D000", // the database does not exist
          "42501"); // insufficient privilege

  private static final String POOL_NAME = "filesight-postgres";

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private volatile boolean migrated;

  private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /** A pool for {@code settings}, not yet connected. */
  public static PostgresDatabase create(PostgresSettings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(POOL_NAME);
    hikari.setJdbcUrl(settings.url());
    hikari.setUsername(settings.user());
    hikari.setPassword(settings.password());
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(1);
    // Start without the server: start-up waits for it with readiness down (DESIGN section 1).
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(settings.connectionTimeout().toMillis());
    hikari.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2_000));
    // Parameters typed by the server: a CHAR(40) key compared with a text parameter would not use
    // its index.
    hikari.addDataSourceProperty("stringtype", "unspecified");
    hikari.addDataSourceProperty(
        "connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
    // A statement that the server does not answer is given up on the client too, a little after
    // the server's own limit would have ended it.
    hikari.addDataSourceProperty(
        "socketTimeout", Long.toString(settings.statementTimeout().toSeconds() + 5));
    hikari.addDataSourceProperty(
        "options", "-c statement_timeout=" + settings.statementTimeout().toMillis());
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    hikari.addDataSourceProperty("ApplicationName", "filesight");
    return new PostgresDatabase(settings, new HikariDataSource(hikari));
  }

  /**
   * Connects and applies pending migrations (none pending: a read of the schema history, no lock).
   *
   * @throws DatabaseConfigurationException for a wrong user or password, a database that does not
   *     exist, or a schema migrated by a newer filesight: waiting will not help
   * @throws DatabaseUnavailableException when the server cannot be reached now
   */
  public void migrate() {
    try (Connection probe = pool.getConnection()) {
      probe.isValid(1);
    } catch (SQLException e) {
      throw classify("cannot connect to the database " + name(), e);
    }
    try {
      Migrations.apply(flyway(), name());
    } catch (FlywayException e) {
      throw classify("cannot migrate the database " + name(), e);
    }
    migrated = true;
  }

  /** Flyway over this pool with PostgreSQL's migrations, for migrating and for inspecting alike. */
  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(pool)
        .locations(Migrations.locations("postgresql"))
        .failOnMissingLocations(true)
        .load();
  }

  /**
   * Connects once and reads where the schema stands, without migrating it.
   *
   * @throws DatabaseConfigurationException for a wrong user or password, a database that does not
   *     exist, or a schema migrated by a newer filesight
   * @throws DatabaseUnavailableException when the server cannot be reached now
   */
  public SchemaStatus inspect() {
    try (Connection probe = pool.getConnection()) {
      probe.isValid(1);
    } catch (SQLException e) {
      throw classify("cannot connect to the database " + name(), e);
    }
    SchemaStatus status;
    try {
      status = Migrations.status(flyway(), name());
    } catch (FlywayException e) {
      throw classify("cannot read the schema of the database " + name(), e);
    }
    try (Connection connection = pool.getConnection()) {
      return status.withQuotaPolicy(JdbiQuotaPolicyStore.read(connection, name()));
    } catch (SQLException e) {
      throw classify("cannot read the quota policy of the database " + name(), e);
    }
  }

  /** Whether {@link #migrate()} succeeded. */
  public boolean migrated() {
    return migrated;
  }

  @Override
  public String name() {
    return settings.url();
  }

  @Override
  public Jdbi writes() {
    return jdbi;
  }

  @Override
  public Jdbi reads() {
    return jdbi;
  }

  @Override
  public Connection readConnection() throws SQLException {
    if (!migrated) {
      throw new DatabaseUnavailableException("the database " + name() + " is not ready yet");
    }
    return pool.getConnection();
  }

  /** PostgreSQL's default, READ COMMITTED, gives each statement its own snapshot. */
  @Override
  public TransactionIsolationLevel snapshotIsolation() {
    return TransactionIsolationLevel.REPEATABLE_READ;
  }

  /** An import's statements run as long as they need, and are read to their end. */
  @Override
  public void importing(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL statement_timeout = 0");
    }
    connection.setNetworkTimeout(Runnable::run, 0);
  }

  /** The settings this pool was made with. */
  PostgresSettings settings() {
    return settings;
  }

  /** A connection of the pool, for the adapters of this package. */
  Connection connection() throws SQLException {
    if (!migrated) {
      throw new DatabaseUnavailableException("the database " + name() + " is not ready yet");
    }
    return pool.getConnection();
  }

  @Override
  public List<ConnectionPoolGauges> connectionPools() {
    return List.of(new ConnectionPoolGauges(POOL_NAME, () -> pool));
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A failure named for the operator: a setting to fix, or an outage to wait out. */
  static RuntimeException classify(String what, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        if (CONFIGURATION_STATES.contains(sql.getSQLState())) {
          return new DatabaseConfigurationException(
              what + ": " + firstLine(sql.getMessage()) + " (SQL state " + sql.getSQLState() + ")",
              failure);
        }
      }
      if (cause instanceof DatabaseConfigurationException configuration) {
        return configuration;
      }
    }
    return new DatabaseUnavailableException(what + ": " + firstLine(rootMessage(failure)), failure);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
