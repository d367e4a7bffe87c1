package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.bootstrap.wiring.ApplicationModule;
import io.filesight.bootstrap.wiring.AuthModule;
import io.filesight.bootstrap.wiring.HttpModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of a running server: checks that the database setting can work, listens, then opens the
 * database (migrated; SQLite also quick-checked), then loads signing keys, waiting for each within
 * a bound (an unreachable PostgreSQL server, another process's write lock on a SQLite file that
 * must be migrated, a key URL not serving keys yet) with {@code /health/live} up, {@code
 * /health/ready} down and every lookup refused meanwhile. A key file is read once: it will not get
 * better by waiting. {@link #close()} drains in-flight requests, stops listening and closes the
 * database.
 */
public final class FilesightServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FilesightServer.class);

  private final StoreEngine store;
  private final FilesightHttpServer http;
  private boolean closed;

  private FilesightServer(StoreEngine store, FilesightHttpServer http) {
    this.store = store;
    this.http = http;
  }

  /** Starts a server; on any failure nothing is left open. */
  public static FilesightServer start(ServerSettings settings) {
    return start(settings, new Module[0]);
  }

  /**
   * Starts a server whose engine adapters are replaced where {@code replacements} bind the same
   * ports, e.g. an in-process quota ledger on PostgreSQL to measure what the shared one costs.
   */
  public static FilesightServer start(ServerSettings settings, Module... replacements) {
    StoreEngine store = StoreEngine.open(settings.database(), "--db", settings.databaseWait());
    FilesightHttpServer http = null;
    try {
      Injector injector =
          Guice.createInjector(
              new ApplicationModule(RateQuota.defender(), Clock.systemUTC()),
              Modules.override(store.module()).with(replacements),
              new PersistenceModule(settings.cachedMachines()),
              new AuthModule(settings.tokens()),
              new HttpModule(settings.http()));
      http = injector.getInstance(FilesightHttpServer.class);
      ServerMetering.register(
          http.meters(),
          store.database(),
          injector.getInstance(JdbiMachineRepository.class),
          injector.getInstance(NimbusAccessTokenVerifier.class));
      http.start();
      store.awaitReadyToServe(settings.databaseWait());
      awaitKeys(injector.getInstance(NimbusAccessTokenVerifier.class), settings.keysWait());
      http.startupFinished();
      LOG.info(
          "filesight listening on {}:{} with database {}",
          settings.http().bindAddress(),
          http.port(),
          settings.database().describe());
      return new FilesightServer(store, http);
    } catch (RuntimeException e) {
      if (http != null) {
        http.stop();
      }
      store.close();
      throw e;
    }
  }

  private static void awaitKeys(NimbusAccessTokenVerifier keys, Duration bound) {
    if (!(keys.keySource() instanceof JwksSource.JwksUrl)) {
      keys.awaitSigningKeys(Duration.ZERO);
      return;
    }
    try {
      keys.awaitSigningKeys(bound);
      LOG.info("signing keys loaded from {}", keys.keySource().describe());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          e.getMessage() + " (waited " + bound.toSeconds() + " s; see --jwks-wait)", e);
    }
  }

  /** The port actually listened on (useful with port 0). */
  public int port() {
    return http.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      http.stop();
    } finally {
      store.close();
      LOG.info("filesight stopped");
    }
  }
}
