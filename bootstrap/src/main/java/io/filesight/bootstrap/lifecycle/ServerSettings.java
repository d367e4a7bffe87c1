package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.domain.RateQuota;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link FilesightServer} needs to start, validated.
 *
 * @param databaseWait how long start-up waits for a database it cannot reach yet, with {@code
 *     /health/live} up and {@code /health/ready} down, before it gives up
 * @param keysWait how long start-up then waits, the same way, for signing keys a key URL does not
 *     serve yet
 * @param cachedMachines how many machines the persistence adapter keeps in memory (the HTTP
 *     adapter's rendered copies are counted by {@link HttpSettings#renderedMachines()})
 * @param quota the quota asked for; the database's stored policy must be the same unless {@code
 *     replaceQuota}
 * @param replaceQuota whether {@code quota} replaces the policy stored in the database for every
 *     instance sharing it
 */
public record ServerSettings(
    DatabaseLocation database,
    Duration databaseWait,
    Duration keysWait,
    TokenSettings tokens,
    HttpSettings http,
    int cachedMachines,
    RateQuota quota,
    boolean replaceQuota) {
  /**
   * Heap per cached machine: its entity and its rendered JSON take about 2.8 KB (measured with
   * 21,845 cached), so the caches fill about a quarter of the heap and leave the rest to requests.
   */
  private static final long HEAP_PER_CACHED_MACHINE = 12 * 1024;

  /** Most machines cached by default, however large the heap. */
  private static final int MAX_DEFAULT_CACHED_MACHINES = 100_000;

  /** How long start-up waits for an unreachable database unless told otherwise. */
  public static final Duration DEFAULT_DATABASE_WAIT = Duration.ofSeconds(60);

  /** How long start-up waits for signing keys from an unreachable URL unless told otherwise. */
  public static final Duration DEFAULT_KEYS_WAIT = Duration.ofSeconds(60);

  /** One machine per 12 KiB of maximum heap, at most 100,000 (21,845 at {@code -Xmx256m}). */
  public static int defaultCachedMachines() {
    return (int)
        Math.min(
            MAX_DEFAULT_CACHED_MACHINES,
            Runtime.getRuntime().maxMemory() / HEAP_PER_CACHED_MACHINE);
  }

  public ServerSettings {
    if (cachedMachines < 0) {
      throw new IllegalArgumentException("cachedMachines must be 0 or more, was " + cachedMachines);
    }
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(databaseWait, "databaseWait");
    Objects.requireNonNull(keysWait, "keysWait");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(quota, "quota");
  }

  /** Settings with Defender's quota, agreed on with the database's stored policy. */
  public ServerSettings(
      DatabaseLocation database,
      Duration databaseWait,
      Duration keysWait,
      TokenSettings tokens,
      HttpSettings http,
      int cachedMachines) {
    this(
        database,
        databaseWait,
        keysWait,
        tokens,
        http,
        cachedMachines,
        RateQuota.defender(),
        /* replaceQuota= */ false);
  }

  /**
   * Settings for a SQLite file, created when missing only if {@code createDatabase}.
   *
   * @param createDatabase whether a missing database file may be created (else start fails)
   */
  public ServerSettings(
      Path database,
      boolean createDatabase,
      TokenSettings tokens,
      HttpSettings http,
      int cachedMachines) {
    this(
        new DatabaseLocation.SqliteFile(database, createDatabase),
        DEFAULT_DATABASE_WAIT,
        DEFAULT_KEYS_WAIT,
        tokens,
        http,
        cachedMachines);
  }
}
