package io.filesight.adapter.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Meters of the parts behind the server, served on {@code /metrics} beside the server's own: the
 * wiring hands over plain readings (suppliers read at each scrape), so that neither the core nor
 * the other adapters depend on Micrometer. Names follow Micrometer's own binders where one exists
 * (its cache binder, Hikari's tracker).
 */
public final class ServerMeters {
  private final MeterRegistry registry;

  /** Micrometer holds what function counters read weakly: the readings live as long as this. */
  private final List<Object> readings = new CopyOnWriteArrayList<>();

  ServerMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * {@code filesight_build_info{version,java} 1}, to join on; {@code version} is null for a build
   * not run from its jar.
   */
  public void buildInfo(String version) {
    Gauge.builder("filesight.build.info", () -> 1)
        .description("The running build; always 1")
        .tag("version", version == null ? "development" : version)
        .tag("java", System.getProperty("java.version"))
        .register(registry);
  }

  /** {@code cache_gets_total{cache,result="hit|miss"}}, as Micrometer's cache binders name them. */
  public void cacheGets(String cache, LongSupplier hits, LongSupplier misses) {
    cacheGets(cache, "hit", hits);
    cacheGets(cache, "miss", misses);
  }

  private void cacheGets(String cache, String result, LongSupplier count) {
    readings.add(count);
    FunctionCounter.builder("cache.gets", count, c -> c.getAsLong())
        .description("Cache lookups, by whether they found the entry (hit) or not (miss)")
        .tag("cache", cache)
        .tag("result", result)
        .register(registry);
  }

  /**
   * {@code hikaricp_connections_active|idle|pending}, {@code hikaricp_connections} and {@code
   * hikaricp_connections_max} with the {@code pool} tag, as Hikari's Micrometer tracker names them.
   */
  public void connectionPool(
      String pool,
      LongSupplier active,
      LongSupplier idle,
      LongSupplier pending,
      LongSupplier total,
      LongSupplier max) {
    poolGauge("hikaricp.connections.active", "Active connections", pool, active);
    poolGauge("hikaricp.connections.idle", "Idle connections", pool, idle);
    poolGauge("hikaricp.connections.pending", "Threads waiting for a connection", pool, pending);
    poolGauge("hikaricp.connections", "Connections, active and idle", pool, total);
    poolGauge("hikaricp.connections.max", "Most connections the pool opens", pool, max);
  }

  private void poolGauge(String name, String description, String pool, LongSupplier value) {
    Gauge.builder(name, value, v -> v.getAsLong())
        .strongReference(true)
        .description(description)
        .tag("pool", pool)
        .register(registry);
  }

  /** {@code filesight_jwks_refresh_failures_total}: reads of the key set that failed. */
  public void keyRefreshFailures(LongSupplier failures) {
    readings.add(failures);
    FunctionCounter.builder("filesight.jwks.refresh.failures", failures, f -> f.getAsLong())
        .description("Reads of the signing key set that failed")
        .register(registry);
  }

  /**
   * {@code filesight_import_records_total{kind}} and {@code
   * filesight_last_import_timestamp_seconds{kind}}: records imports committed to the store, and
   * when the last import of {@code kind} completed (seconds since the epoch, 0 before one did). A
   * reading that fails (the store unavailable) should answer NaN rather than throw.
   */
  public void imports(String kind, DoubleSupplier records, DoubleSupplier lastCompletedSeconds) {
    readings.add(records);
    FunctionCounter.builder("filesight.import.records", records, r -> r.getAsDouble())
        .description("Records imports committed to the store, by kind, from every process")
        .tag("kind", kind)
        .register(registry);
    Gauge.builder(
            "filesight.last.import.timestamp.seconds", lastCompletedSeconds, t -> t.getAsDouble())
        .strongReference(true)
        .description("When the last import of this kind completed, in seconds since the epoch")
        .tag("kind", kind)
        .register(registry);
  }
}
