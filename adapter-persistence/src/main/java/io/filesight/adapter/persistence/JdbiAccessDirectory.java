package io.filesight.adapter.persistence;

import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Secondary adapter: the RBAC configuration stored in the database (SQLite or PostgreSQL),
 * unconfigured until an access import replaces it as a whole.
 */
public final class JdbiAccessDirectory implements AccessDirectory, AccessConfigurationStore {
  private final Database database;
  private final StatementCache statements = new StatementCache();
  private volatile Versioned cached;

  public JdbiAccessDirectory(Database database) {
    this.database = database;
  }

  /** A configuration with the version it was read at. */
  private record Versioned(long version, AccessConfiguration configuration) {}

  @Override
  public AccessConfiguration accessConfiguration() {
    Versioned known = cached;
    // Every lookup asks: check the version alone first, on a kept statement and outside a
    // transaction (versions only grow, so an unchanged one means the cache is current). The
    // benchmark profile showed the transactional check at a sixth of the use case's time.
    if (known != null && currentVersion() == known.version()) {
      return known.configuration();
    }
    // One read transaction in one snapshot, so a concurrent replace is seen entirely or not at
    // all. The version check keeps every instance (and an import in another process) current at
    // one query a call.
    HandleCallback<AccessConfiguration, RuntimeException> readCurrent =
        handle -> {
          long version = version(handle);
          Versioned current = cached;
          if (current != null && current.version() == version) {
            return current.configuration();
          }
          AccessConfiguration configuration = read(handle);
          cached = new Versioned(version, configuration);
          return configuration;
        };
    TransactionIsolationLevel snapshot = database.snapshotIsolation();
    try {
      return snapshot == TransactionIsolationLevel.UNKNOWN
          ? database.reads().inTransaction(readCurrent)
          : database.reads().inTransaction(snapshot, readCurrent);
    } catch (JdbiException e) {
      throw database.readFailed(e);
    }
  }

  private long currentVersion() {
    try (Connection connection = database.readConnection()) {
      return version(connection);
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }

  private long version(Handle handle) {
    return version(handle.getConnection());
  }

  private long version(Connection connection) {
    try {
      PreparedStatement query = statements.prepare(connection, "SELECT version FROM access_state");
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new DatabaseUnavailableException(
              "the database " + database.name() + " has no access_state row");
        }
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }

  @Override
  public void replace(AccessConfiguration configuration) {
    try {
      database
          .writes()
          .useTransaction(
              handle -> {
                replace(handle, configuration);
                ImportTotalsTable.add(
                    handle.getConnection(),
                    ImportTotals.ACCESS,
                    configuration.machineGroups().size() + configuration.roles().size(),
                    System.currentTimeMillis());
              });
    } catch (JdbiException | SQLException e) {
      throw database.writeFailed(e);
    }
  }

  /** Replaces the whole configuration on the caller's transaction. */
  private static void replace(Handle handle, AccessConfiguration configuration) {
    handle.execute("DELETE FROM access_role_user_group");
    handle.execute("DELETE FROM access_role_permission");
    handle.execute("DELETE FROM access_role");
    handle.execute("DELETE FROM machine_group_user_group");
    handle.execute("DELETE FROM machine_group");
    handle.execute(
        "UPDATE access_state SET configured = ?, version = version + 1",
        configuration.configured());
    int position = 0;
    for (MachineGroupAccess access : configuration.machineGroups()) {
      MachineGroup group = access.group();
      handle.execute(
          "INSERT INTO machine_group (id, name, group_rank, position) VALUES (?, ?, ?, ?)",
          group.id(),
          group.name(),
          group.rank(),
          position++);
      for (String userGroup : access.assignedUserGroups()) {
        handle.execute(
            "INSERT INTO machine_group_user_group (machine_group_id, user_group) VALUES (?, ?)",
            group.id(),
            userGroup);
      }
    }
    position = 0;
    for (Role role : configuration.roles()) {
      handle.execute(
          "INSERT INTO access_role (name, position) VALUES (?, ?)", role.name(), position++);
      for (String permission : role.permissions()) {
        handle.execute(
            "INSERT INTO access_role_permission (role_name, permission) VALUES (?, ?)",
            role.name(),
            permission);
      }
      for (String userGroup : role.assignedUserGroups()) {
        handle.execute(
            "INSERT INTO access_role_user_group (role_name, user_group) VALUES (?, ?)",
            role.name(),
            userGroup);
      }
    }
  }

  /** The configuration stored, in the caller's transaction. */
  static AccessConfiguration read(Handle handle) {
    boolean configured =
        handle.createQuery("SELECT configured FROM access_state").mapTo(Boolean.class).one();
    if (!configured) {
      return AccessConfiguration.unconfigured();
    }
    Map<Long, Set<String>> groupUsers = new HashMap<>();
    handle
        .createQuery("SELECT machine_group_id, user_group FROM machine_group_user_group")
        .map((row, ctx) -> Map.entry(row.getLong(1), row.getString(2)))
        .forEach(
            e -> groupUsers.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    List<MachineGroupAccess> groups = new ArrayList<>();
    handle
        .createQuery("SELECT id, name, group_rank FROM machine_group ORDER BY position")
        .map(
            (row, ctx) ->
                new MachineGroupAccess(
                    new MachineGroup(row.getLong(1), row.getString(2), row.getInt(3)),
                    groupUsers.getOrDefault(row.getLong(1), Set.of())))
        .forEach(groups::add);
    Map<String, Set<String>> permissions = new HashMap<>();
    handle
        .createQuery("SELECT role_name, permission FROM access_role_permission")
        .map((row, ctx) -> Map.entry(row.getString(1), row.getString(2)))
        .forEach(
            e -> permissions.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    Map<String, Set<String>> roleUsers = new HashMap<>();
    handle
        .createQuery("SELECT role_name, user_group FROM access_role_user_group")
        .map((row, ctx) -> Map.entry(row.getString(1), row.getString(2)))
        .forEach(
            e -> roleUsers.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    List<Role> roles = new ArrayList<>();
    handle
        .createQuery("SELECT name FROM access_role ORDER BY position")
        .mapTo(String.class)
        .forEach(
            name ->
                roles.add(
                    new Role(
                        name,
                        permissions.getOrDefault(name, Set.of()),
                        roleUsers.getOrDefault(name, Set.of()))));
    return AccessConfiguration.of(groups, roles);
  }
}
