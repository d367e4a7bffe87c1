package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.application.port.out.ReadinessProbe;
import io.filesight.bootstrap.wiring.ApplicationModule;
import io.filesight.bootstrap.wiring.AuthModule;
import io.filesight.bootstrap.wiring.HttpModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of a running server: opens and checks the database, loads the keys, then listens;
 * {@link #close()} drains in-flight requests, stops listening and closes the database.
 */
public final class FilesightServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FilesightServer.class);

  private final SqliteDatabase database;
  private final FilesightHttpServer http;
  private boolean closed;

  private FilesightServer(SqliteDatabase database, FilesightHttpServer http) {
    this.database = database;
    this.http = http;
  }

  /** Starts a server; on any failure nothing is left open. */
  public static FilesightServer start(ServerSettings settings) {
    SqliteDatabase database = SqliteDatabase.open(settings.database(), settings.createDatabase());
    try {
      database.quickCheck();
      Injector injector =
          Guice.createInjector(
              new ApplicationModule(RateQuota.defender(), Clock.systemUTC()),
              new PersistenceModule(database, settings.cachedMachines()),
              new AuthModule(settings.tokens()),
              new HttpModule(settings.http()));
      // Fail fast on an unreadable key set rather than answering 401 to every caller.
      injector.getInstance(Key.get(ReadinessProbe.class, Names.named("keys"))).check();
      FilesightHttpServer http = injector.getInstance(FilesightHttpServer.class);
      http.start();
      LOG.info(
          "filesight listening on {}:{} with database {}",
          settings.http().bindAddress(),
          http.port(),
          settings.database());
      return new FilesightServer(database, http);
    } catch (RuntimeException e) {
      database.close();
      throw e;
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
      database.close();
      LOG.info("filesight stopped");
    }
  }
}
