package io.filesight.adapter.persistence;

import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.Machine;
import io.filesight.domain.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Secondary adapter: machines related to a file, read from SQLite with one indexed range scan per
 * page (the observation primary key orders a file's machines by id).
 */
public final class JdbiMachineRepository implements MachineRepository {
  private final SqliteDatabase database;
  private final StatementCache statements = new StatementCache();

  public JdbiMachineRepository(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public Optional<MachineSlice> findSeenWith(FileHash file, GroupScope scope, Page page) {
    List<Long> groups = groupIds(scope);
    try {
      return lookup(file, groups, page);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "reading the database " + database.file() + " failed: " + e.getMessage(), e);
    }
  }

  private Optional<MachineSlice> lookup(FileHash file, List<Long> groups, Page page)
      throws SQLException {
    return database
        .reads()
        .withHandle(
            handle -> {
              Connection connection = handle.getConnection();
              if (groups == null || !groups.isEmpty()) {
                List<Machine> machines = page(connection, file, groups, page);
                if (!machines.isEmpty()) {
                  boolean hasMore = machines.size() > page.top();
                  List<Machine> slice = hasMore ? machines.subList(0, page.top()) : machines;
                  return Optional.of(new MachineSlice(slice, hasMore));
                }
              }
              // An empty page still means "seen" when the file is known: seen only on machines the
              // caller may not see, not imported yet, or before this page.
              return known(connection, file)
                  ? Optional.of(new MachineSlice(List.of(), false))
                  : Optional.empty();
            });
  }

  /**
   * The page query: observations of one file joined to their machines, in machine id order, with
   * {@code groupCount} group parameters (none when the scope is every group).
   */
  static String pageSql(HashAlgorithm algorithm, int groupCount) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(MachineColumns.selectList("m"))
            .append(" FROM observation o JOIN machine m ON m.id = o.machine_id WHERE o.sha1 = ")
            .append(sha1Of(algorithm));
    if (groupCount > 0) {
      sql.append(" AND m.rbac_group_id IN (")
          .append(String.join(", ", Collections.nCopies(groupCount, "?")))
          .append(')');
    }
    return sql.append(" ORDER BY o.machine_id LIMIT ? OFFSET ?").toString();
  }

  private List<Machine> page(Connection connection, FileHash file, List<Long> groups, Page page)
      throws SQLException {
    int groupCount = groups == null ? 0 : groups.size();
    PreparedStatement query = statements.prepare(connection, pageSql(file.algorithm(), groupCount));
    int i = 1;
    query.setString(i++, file.hex());
    for (int g = 0; g < groupCount; g++) {
      query.setLong(i++, groups.get(g));
    }
    // One more than asked tells whether another page follows without counting.
    query.setInt(i++, page.top() + 1);
    query.setLong(i, page.skip());
    List<Machine> machines = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        machines.add(MachineColumns.read(rows));
      }
    }
    return machines;
  }

  private boolean known(Connection connection, FileHash file) throws SQLException {
    String sql = "SELECT 1 FROM seen_file WHERE " + column(file.algorithm()) + " = ? LIMIT 1";
    PreparedStatement query = statements.prepare(connection, sql);
    query.setString(1, file.hex());
    try (ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }

  private static String sha1Of(HashAlgorithm algorithm) {
    if (algorithm == HashAlgorithm.SHA1) {
      return "?";
    }
    // One SHA-1 per SHA-256/MD5, the smallest when an export was inconsistent, so pages are stable.
    return "(SELECT MIN(f.sha1) FROM seen_file f WHERE f." + column(algorithm) + " = ?)";
  }

  private static String column(HashAlgorithm algorithm) {
    switch (algorithm) {
      case SHA256:
        return "sha256";
      case MD5:
        return "md5";
      default:
        return "sha1";
    }
  }

  /** The sorted group ids of the scope, or null for every group. */
  private static List<Long> groupIds(GroupScope scope) {
    if (scope instanceof GroupScope.Only) {
      List<Long> ids = new ArrayList<>(((GroupScope.Only) scope).machineGroupIds());
      Collections.sort(ids);
      return ids;
    }
    return null;
  }
}
