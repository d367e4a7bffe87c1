package io.filesight.adapter.persistence;

import io.filesight.application.port.out.StoreContents;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.FileHash;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Secondary adapter: what a filesight database holds, SQLite or PostgreSQL, read in one read
 * transaction so that a copy sees one moment of a store that may be serving meanwhile. Rows are
 * streamed, one kind at a time: read the machines, then the observations.
 */
public final class JdbcStoreContents implements StoreContents {
  private static final int FETCH_SIZE = 2_000;
  private static final String MACHINES =
      "SELECT " + MachineColumns.selectList("m") + " FROM machine m ORDER BY m.id";
  private static final String OBSERVATIONS =
      "SELECT o.sha1, o.machine_id, f.sha256, f.md5, f.file_name, o.first_seen_ns, o.last_seen_ns"
          + " FROM observation o JOIN seen_file f ON f.sha1 = o.sha1"
          + " ORDER BY o.sha1, o.machine_id";
  // Rows an interrupted import left for its next one to move: one sighting each, with the file's
  // details as that import or an earlier one brought them.
  private static final List<String> BACKLOG =
      ImportBacklog.OBSERVATION_TABLES.stream()
          .map(
              table ->
                  "SELECT b.sha1, b.machine_id, COALESCE(fb.sha256, f.sha256),"
                      + " COALESCE(fb.md5, f.md5), COALESCE(fb.file_name, f.file_name),"
                      + " b.seen_ns, b.seen_ns"
                      + " FROM "
                      + table
                      + " b LEFT JOIN (SELECT sha1, MAX(sha256) AS sha256, MAX(md5) AS md5,"
                      + " MAX(file_name) AS file_name FROM "
                      + ImportBacklog.FILE_TABLE
                      + " GROUP BY sha1) fb"
                      + " ON fb.sha1 = b.sha1 LEFT JOIN seen_file f ON f.sha1 = b.sha1"
                      + " ORDER BY b.sha1, b.machine_id")
          .toList();
  private static final String COUNT_BACKLOG =
      "SELECT "
          + String.join(
              " + ",
              ImportBacklog.OBSERVATION_TABLES.stream()
                  .map(table -> "(SELECT COUNT(*) FROM " + table + ")")
                  .toList());

  private final Database database;
  private final Handle handle;
  private final Connection connection;
  private final long machines;
  private final long observations;

  private JdbcStoreContents(Database database, Handle handle, long machines, long observations) {
    this.database = database;
    this.handle = handle;
    this.connection = handle.getConnection();
    this.machines = machines;
    this.observations = observations;
  }

  /**
   * Opens a read transaction on {@code database}; its snapshot is taken at once.
   *
   * @throws DatabaseUnavailableException when the database cannot be read
   */
  public static JdbcStoreContents open(Database database) {
    Handle handle = null;
    try {
      Connection connection = database.readConnection();
      handle = Jdbi.open(connection);
      TransactionIsolationLevel snapshot = database.snapshotIsolation();
      if (snapshot != TransactionIsolationLevel.UNKNOWN) {
        handle.setTransactionIsolationLevel(snapshot);
      }
      handle.begin();
      // A copy reads for as long as the store is large.
      database.importing(connection);
      long machines = count(connection, "SELECT COUNT(*) FROM machine");
      long observations =
          count(connection, "SELECT COUNT(*) FROM observation") + count(connection, COUNT_BACKLOG);
      return new JdbcStoreContents(database, handle, machines, observations);
    } catch (SQLException | RuntimeException e) {
      if (handle != null) {
        handle.close();
      }
      throw unavailable(database, e);
    }
  }

  @Override
  public String name() {
    return database.name();
  }

  @Override
  public Rows<Machine> machines() {
    return new QueryRows<>(List.of(MACHINES), machines) {
      @Override
      void read(ResultSet row, List<Machine> values) throws SQLException {
        values.add(MachineColumns.read(row));
      }
    };
  }

  @Override
  public Rows<Observation> observations() {
    List<String> queries = new ArrayList<>();
    queries.add(OBSERVATIONS);
    queries.addAll(BACKLOG);
    return new QueryRows<>(queries, observations) {
      @Override
      void read(ResultSet row, List<Observation> values) throws SQLException {
        FileHash sha1 = hash(HashAlgorithm.SHA1, row.getString(1));
        MachineId machine = MachineId.of(row.getString(2));
        FileHash sha256 = hash(HashAlgorithm.SHA256, row.getString(3));
        FileHash md5 = hash(HashAlgorithm.MD5, row.getString(4));
        String name = row.getString(5);
        Instant first = instant(row, 6);
        Instant last = instant(row, 7);
        values.add(new Observation(sha1, sha256, md5, name, machine, first));
        if (last != null && !last.equals(first)) {
          values.add(new Observation(sha1, sha256, md5, name, machine, last));
        }
      }
    };
  }

  @Override
  public Optional<AccessConfiguration> accessConfiguration() {
    try {
      AccessConfiguration configuration = JdbiAccessDirectory.read(handle);
      return configuration.configured() ? Optional.of(configuration) : Optional.empty();
    } catch (RuntimeException e) {
      throw unavailable(database, e);
    }
  }

  @Override
  public void close() {
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      // Nothing was written: the connection is closed either way.
    } finally {
      handle.close();
    }
  }

  /** The rows of several queries in turn, each row read into one or more values. */
  private abstract class QueryRows<T> implements Rows<T> {
    private final List<String> queries;
    private final long total;
    private final List<T> pending = new ArrayList<>(2);
    private int query;
    private PreparedStatement statement;
    private ResultSet rows;
    private long read;

    QueryRows(List<String> queries, long total) {
      this.queries = queries;
      this.total = total;
    }

    abstract void read(ResultSet row, List<T> values) throws SQLException;

    @Override
    public T next() {
      try {
        while (pending.isEmpty()) {
          if (rows == null) {
            if (query == queries.size()) {
              return null;
            }
            statement = connection.prepareStatement(queries.get(query++));
            statement.setFetchSize(FETCH_SIZE);
            rows = statement.executeQuery();
          }
          if (rows.next()) {
            read++;
            read(rows, pending);
          } else {
            closeQuery();
          }
        }
        return pending.remove(0);
      } catch (SQLException | RuntimeException e) {
        throw unavailable(database, e);
      }
    }

    @Override
    public long rowsRead() {
      return read;
    }

    @Override
    public long rowsTotal() {
      return total;
    }

    @Override
    public void close() {
      try {
        closeQuery();
      } catch (SQLException e) {
        throw unavailable(database, e);
      }
    }

    private void closeQuery() throws SQLException {
      try (PreparedStatement closing = statement;
          ResultSet closingRows = rows) {
        rows = null;
        statement = null;
      }
    }
  }

  private static FileHash hash(HashAlgorithm algorithm, String hex) {
    return hex == null ? null : new FileHash(algorithm, hex);
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    long nanos = row.getLong(column);
    return row.wasNull() ? null : EpochNanos.toInstant(nanos);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static DatabaseUnavailableException unavailable(Database database, Exception e) {
    if (e instanceof DatabaseUnavailableException unavailable) {
      return unavailable;
    }
    return new DatabaseUnavailableException(
        "reading the database " + database.name() + " failed: " + e.getMessage(), e);
  }
}
