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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Secondary adapter: machines related to a file, read from the database (SQLite or PostgreSQL, in
 * portable SQL) with one indexed range scan per page (the observation primary key orders a file's
 * machines by id). The scan reads machine ids only; the machines themselves come from a {@link
 * MachineCache} kept for the current version of the stored machines, and those not cached are read
 * by id, 64 at a time.
 */
public final class JdbiMachineRepository implements MachineRepository {
  /** Machines kept in memory unless told otherwise. */
  public static final int DEFAULT_CACHED_MACHINES = 10_000;

  /** Ids per query reading uncached machines; shorter lists repeat their first id. */
  static final int FETCH_CHUNK = 64;

  /** The query reading up to {@link #FETCH_CHUNK} machines by id. */
  static final String MACHINES_BY_ID =
      "SELECT "
          + MachineColumns.selectList("m")
          + " FROM machine m WHERE m.id IN ("
          + String.join(", ", Collections.nCopies(FETCH_CHUNK, "?"))
          + ")";

  private final Database database;
  private final StatementCache statements = new StatementCache();
  private final MachineCache cache;
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();

  public JdbiMachineRepository(Database database) {
    this(database, DEFAULT_CACHED_MACHINES);
  }

  /** Keeps at most {@code cachedMachines} machines in memory (0: none, every lookup reads them). */
  public JdbiMachineRepository(Database database, int cachedMachines) {
    this.database = database;
    this.cache = new MachineCache(cachedMachines);
  }

  /** Machines a lookup found in the machine cache, since the start. */
  public long cacheHits() {
    return cacheHits.sum();
  }

  /** Machines a lookup had to read from the store, since the start. */
  public long cacheMisses() {
    return cacheMisses.sum();
  }

  @Override
  public Optional<MachineSlice> findSeenWith(FileHash file, GroupScope scope, Page page) {
    List<Long> groups = groupIds(scope);
    try {
      return lookup(file, groups, page);
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }

  private Optional<MachineSlice> lookup(FileHash file, List<Long> groups, Page page)
      throws SQLException {
    try (Connection connection = database.readConnection()) {
      if (groups == null || !groups.isEmpty()) {
        // Every group: the observation index alone gives the page, unless one of its machines is
        // not stored (observed before its import); then the page joins the machines to skip them.
        List<Machine> machines = groups == null ? page(connection, file, null, page, false) : null;
        if (machines == null) {
          machines = page(connection, file, groups, page, true);
        }
        if (!machines.isEmpty()) {
          boolean hasMore = machines.size() > page.top();
          return Optional.of(
              new MachineSlice(hasMore ? machines.subList(0, page.top()) : machines, hasMore));
        }
      }
      // An empty page still means "seen" when the file is known: seen only on machines the
      // caller may not see, not imported yet, or before this page.
      return known(connection, file)
          ? Optional.of(new MachineSlice(List.of(), false))
          : Optional.empty();
    }
  }

  /**
   * One page and one machine more, in id order; null when {@code joinMachines} is false and a
   * machine of the page is not stored.
   */
  private List<Machine> page(
      Connection connection, FileHash file, List<Long> groups, Page page, boolean joinMachines)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    long version = pageIds(connection, file, groups, page, joinMachines, ids);
    if (ids.isEmpty()) {
      return List.of();
    }
    // The version was read with the ids: a machine read after it is never older than the version.
    Machine[] machines = machines(connection, ids, cache.at(version));
    List<Machine> found = new ArrayList<>(machines.length);
    for (Machine machine : machines) {
      if (machine == null) {
        if (!joinMachines) {
          return null;
        }
        // Machines are never deleted; were one removed by hand meanwhile, the page skips it.
        continue;
      }
      found.add(machine);
    }
    return found;
  }

  /**
   * The page query: the ids of the machines a file was seen on, in id order, each with the version
   * of the stored machines (read in the same snapshot, for the cache), with {@code groupCount}
   * group parameters (none when the scope is every group). Joined to the machines when {@code
   * joinMachines} (always with groups), which keeps out observations whose machine is not imported
   * yet; else the observation index alone answers it.
   */
  public static String pageSql(HashAlgorithm algorithm, int groupCount, boolean joinMachines) {
    StringBuilder sql =
        new StringBuilder("SELECT o.machine_id, s.version FROM machine_state s, observation o");
    if (joinMachines || groupCount > 0) {
      sql.append(" JOIN machine m ON m.id = o.machine_id");
    }
    sql.append(" WHERE s.singleton = 1 AND o.sha1 = ").append(sha1Of(algorithm));
    if (groupCount > 0) {
      sql.append(" AND m.rbac_group_id IN (")
          .append(String.join(", ", Collections.nCopies(groupCount, "?")))
          .append(')');
    }
    return sql.append(" ORDER BY o.machine_id LIMIT ? OFFSET ?").toString();
  }

  /** Adds the page's ids to {@code ids}; returns the version of the stored machines, or -1. */
  private long pageIds(
      Connection connection,
      FileHash file,
      List<Long> groups,
      Page page,
      boolean joinMachines,
      List<String> ids)
      throws SQLException {
    int groupCount = groups == null ? 0 : groups.size();
    PreparedStatement query =
        statements.prepare(connection, pageSql(file.algorithm(), groupCount, joinMachines));
    int i = 1;
    query.setString(i++, file.hex());
    for (int g = 0; g < groupCount; g++) {
      query.setLong(i++, groups.get(g));
    }
    // One more than asked tells whether another page follows without counting.
    query.setInt(i++, page.top() + 1);
    query.setLong(i, page.skip());
    long version = -1;
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
        version = rows.getLong(2);
      }
    }
    return version;
  }

  /**
   * The machines with these ids, in the same order: from the cache, else from the store; null where
   * no machine has the id.
   */
  private Machine[] machines(
      Connection connection, List<String> ids, MachineCache.Generation cached) throws SQLException {
    Machine[] machines = new Machine[ids.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < machines.length; i++) {
      machines[i] = cached.get(ids.get(i));
      if (machines[i] == null) {
        missing.add(ids.get(i));
      }
    }
    cacheHits.add(machines.length - missing.size());
    cacheMisses.add(missing.size());
    if (!missing.isEmpty()) {
      Map<String, Machine> read = read(connection, missing);
      read.values().forEach(cached::put);
      for (int i = 0; i < machines.length; i++) {
        if (machines[i] == null) {
          machines[i] = read.get(ids.get(i));
        }
      }
    }
    return machines;
  }

  private Map<String, Machine> read(Connection connection, List<String> ids) throws SQLException {
    Map<String, Machine> read = new HashMap<>();
    PreparedStatement query = statements.prepare(connection, MACHINES_BY_ID);
    for (int from = 0; from < ids.size(); from += FETCH_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FETCH_CHUNK));
      for (int i = 0; i < FETCH_CHUNK; i++) {
        query.setString(i + 1, chunk.get(i < chunk.size() ? i : 0));
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Machine machine = MachineColumns.read(rows);
          read.put(machine.id().value(), machine);
        }
      }
    }
    return read;
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
