package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.application.port.in.AgreeOnQuota;
import io.filesight.application.port.in.QuotaPolicyMismatchException;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.wiring.ApplicationModule;
import io.filesight.bootstrap.wiring.AuthModule;
import io.filesight.bootstrap.wiring.HttpModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of a running server: checks that the database setting can work, listens, then opens the
 * database (migrated; SQLite also quick-checked), then loads signing keys, waiting for each within
 * a bound (an unreachable PostgreSQL server, another process's write lock on a SQLite file that
 * must be migrated, a key URL not serving keys yet) with {@code /health/live} up, {@code
 * /health/ready} down and every lookup refused meanwhile. A key file is read once: it will not get
 * better by waiting. Once the database is open, the quota asked for is settled against the policy
 * stored there for every instance sharing it ({@link AgreeOnQuota}): a different one refuses the
 * start unless it replaces it; a policy missing there is stored off the start-up path, since that
 * write may wait for another process's write lock; and the stored policy is read again every {@link
 * #QUOTA_REFRESH}, so that a replacement by another instance applies here too. {@link #close()}
 * drains in-flight requests, stops listening and closes the database.
 */
public final class FilesightServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FilesightServer.class);

  /** How often a running instance reads the database's quota policy again. */
  public static final Duration QUOTA_REFRESH = Duration.ofSeconds(30);

  /** How long a start waits to store a quota policy the database did not have. */
  private static final Duration QUOTA_STORE_WAIT = Duration.ofSeconds(2);

  private final StoreEngine store;
  private final FilesightHttpServer http;
  private final AgreeOnQuota quota;
  private final ScheduledExecutorService quotaRefresh;
  private boolean closed;

  private FilesightServer(StoreEngine store, FilesightHttpServer http, AgreeOnQuota quota) {
    this.store = store;
    this.http = http;
    this.quota = quota;
    this.quotaRefresh =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "filesight-quota-refresh");
              thread.setDaemon(true);
              return thread;
            });
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
              new ApplicationModule(settings.quota(), Clock.systemUTC()),
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
      AgreeOnQuota quota = injector.getInstance(AgreeOnQuota.class);
      agree(quota, settings, store.database().name());
      awaitKeys(injector.getInstance(NimbusAccessTokenVerifier.class), settings.keysWait());
      http.startupFinished();
      LOG.info(
          "filesight listening on {}:{} with database {}",
          settings.http().bindAddress(),
          http.port(),
          settings.database().describe());
      FilesightServer server = new FilesightServer(store, http, quota);
      server.storeQuotaPolicy(settings.quota());
      server.followQuotaPolicy(settings.quota());
      return server;
    } catch (RuntimeException e) {
      if (http != null) {
        http.stop();
      }
      store.close();
      throw e;
    }
  }

  /**
   * Settles the quota asked for against the database's policy, storing it when none is stored or it
   * replaces it; otherwise reads only.
   */
  private static void agree(AgreeOnQuota quota, ServerSettings settings, String database) {
    try {
      RateQuota inForce = quota.agree(settings.quota(), settings.replaceQuota());
      if (settings.replaceQuota()) {
        LOG.warn(
            "quota policy of the database {} replaced by {}: running instances follow within {} s",
            database,
            inForce.describe(),
            QUOTA_REFRESH.toSeconds());
      } else {
        LOG.info("quota policy {}", inForce.describe());
      }
    } catch (QuotaPolicyMismatchException e) {
      throw QuotaMismatch.refused(database, e.stored(), e.asked());
    } catch (DatabaseConfigurationException e) {
      throw new ConfigurationException(Settings.describe("--quota") + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores the quota when the database had no policy yet, off the start-up path: a write waits for
   * another process's write lock (a long import), which must not hold a start that only reads. It
   * waits {@link #QUOTA_STORE_WAIT} for the write, so that an instance started right after this one
   * finds the policy stored; later, it finishes in the background, or at the next refresh.
   */
  private void storeQuotaPolicy(RateQuota asked) {
    Future<?> stored = quotaRefresh.submit(() -> followStored(quota.settle(), asked));
    try {
      stored.get(QUOTA_STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.info(
          "quota policy {} not stored in the database yet (its write lock is taken): enforced"
              + " meanwhile, stored once the lock is free",
          asked.describe());
    } catch (ExecutionException e) {
      LOG.warn(
          "could not store the quota policy {} in the database yet ({}): enforced meanwhile,"
              + " stored at the next refresh in {} s",
          asked.describe(),
          e.getCause().getMessage(),
          QUOTA_REFRESH.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Says so when another instance stored its policy first, which is then enforced here. */
  private static void followStored(RateQuota inForce, RateQuota asked) {
    if (!inForce.equals(asked)) {
      LOG.warn(
          "another instance stored the quota policy {} in the database first: enforcing it (this"
              + " instance started with --quota {}; set it to {} before its next start)",
          inForce.describe(),
          asked.describe(),
          inForce.describe());
    }
  }

  /**
   * Reads the database's policy again every {@link #QUOTA_REFRESH}; a replacement is enforced from
   * the next call on and logged, since this instance's own setting now differs from it.
   */
  private void followQuotaPolicy(RateQuota asked) {
    quotaRefresh.scheduleWithFixedDelay(
        () -> {
          RateQuota before = quota.inForce();
          try {
            RateQuota now = quota.refresh();
            if (!now.equals(before)) {
              LOG.warn(
                  "quota policy replaced in the database by another instance: enforcing {} (this"
                      + " instance started with --quota {}; set it to {} before its next start)",
                  now.describe(),
                  asked.describe(),
                  now.describe());
            }
          } catch (RuntimeException e) {
            // An outage is reported by readiness; the policy in force stays until it is readable.
            LOG.debug("could not read the quota policy: {}", e.getMessage());
          }
        },
        QUOTA_REFRESH.toMillis(),
        QUOTA_REFRESH.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The quota this instance enforces now. */
  public RateQuota quotaInForce() {
    return quota.inForce();
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
    quotaRefresh.shutdownNow();
    try {
      http.stop();
    } finally {
      store.close();
      LOG.info("filesight stopped");
    }
  }
}
