package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.http.ServerMeters;
import io.filesight.adapter.persistence.ConnectionPoolGauges;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.ImportTotals;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.application.port.out.StoreUnavailableException;
import java.util.function.DoubleSupplier;

/**
 * Hands the server's {@code /metrics} the readings of the parts behind it: the build, the machine
 * cache, the connection pools, the key set's failed reads and what imports committed to the store.
 */
final class ServerMetering {
  private ServerMetering() {}

  static void register(
      ServerMeters meters,
      Database database,
      JdbiMachineRepository machines,
      NimbusAccessTokenVerifier tokens) {
    // The jar's manifest, which every package of the runnable jar shares.
    meters.buildInfo(ServerMetering.class.getPackage().getImplementationVersion());
    meters.cacheGets("machines", machines::cacheHits, machines::cacheMisses);
    for (ConnectionPoolGauges pool : database.connectionPools()) {
      meters.connectionPool(
          pool.name(), pool::active, pool::idle, pool::pending, pool::total, pool::max);
    }
    meters.keyRefreshFailures(tokens::keyReadFailures);
    ImportTotals imports = new ImportTotals(database);
    for (String kind : ImportTotals.KINDS) {
      meters.imports(
          kind,
          () -> orNaN(() -> imports.records(kind)),
          () -> orNaN(() -> imports.lastCompletedAtMillis(kind).orElse(0) / 1000.0));
    }
  }

  /** The reading, or NaN while the store cannot be read: a scrape never fails for it. */
  private static double orNaN(DoubleSupplier reading) {
    try {
      return reading.getAsDouble();
    } catch (StoreUnavailableException e) {
      return Double.NaN;
    }
  }
}
