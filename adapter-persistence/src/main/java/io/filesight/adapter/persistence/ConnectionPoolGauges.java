package io.filesight.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The state of one connection pool, read when asked, for metrics: zeros while the pool is not open
 * (SQLite opens its pools once migrated, which may be after the server started listening).
 */
public final class ConnectionPoolGauges {
  private final String name;
  private final Supplier<HikariDataSource> pool;

  /** The pool {@code pool} supplies, null until it is open. */
  public ConnectionPoolGauges(String name, Supplier<HikariDataSource> pool) {
    this.name = Objects.requireNonNull(name, "name");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** The pool's name, as Hikari's logs name it. */
  public String name() {
    return name;
  }

  /** Connections lent out. */
  public long active() {
    HikariPoolMXBean bean = bean();
    return bean == null ? 0 : bean.getActiveConnections();
  }

  /** Connections open and waiting to be lent. */
  public long idle() {
    HikariPoolMXBean bean = bean();
    return bean == null ? 0 : bean.getIdleConnections();
  }

  /** Threads waiting for a connection. */
  public long pending() {
    HikariPoolMXBean bean = bean();
    return bean == null ? 0 : bean.getThreadsAwaitingConnection();
  }

  /** Connections open, lent or not. */
  public long total() {
    HikariPoolMXBean bean = bean();
    return bean == null ? 0 : bean.getTotalConnections();
  }

  /** The most connections the pool opens. */
  public long max() {
    HikariDataSource source = pool.get();
    return source == null ? 0 : source.getMaximumPoolSize();
  }

  private HikariPoolMXBean bean() {
    HikariDataSource source = pool.get();
    return source == null || source.isClosed() ? null : source.getHikariPoolMXBean();
  }
}
