package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.http.ServerMeters;
import io.filesight.adapter.persistence.ConnectionPoolGauges;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.bootstrap.cli.FilesightCommand;

/**
 * Hands the server's {@code /metrics} the readings of the parts behind it: the build, the machine
 * cache, the connection pools and the key set's failed reads.
 */
final class ServerMetering {
  private ServerMetering() {}

  static void register(
      ServerMeters meters,
      Database database,
      JdbiMachineRepository machines,
      NimbusAccessTokenVerifier tokens) {
    meters.buildInfo(FilesightCommand.class.getPackage().getImplementationVersion());
    meters.cacheGets("machines", machines::cacheHits, machines::cacheMisses);
    for (ConnectionPoolGauges pool : database.connectionPools()) {
      meters.connectionPool(
          pool.name(), pool::active, pool::idle, pool::pending, pool::total, pool::max);
    }
    meters.keyRefreshFailures(tokens::keyReadFailures);
  }
}
