package io.filesight.adapter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a renewed certificate without a restart: it reads both PEM files every {@code interval}
 * and, once their contents have changed and then held still for one more interval (a renewal writes
 * two files, rarely at once), hands the new pair to Jetty, whose later handshakes use it. A pair
 * that cannot be served is logged once and the previous one stays. Contents, not modification
 * times, are compared, so a swapped symbolic link (as Kubernetes mounts secrets) counts as a
 * change.
 */
final class TlsReloader implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final TlsFiles files;
  private final SslContextFactory.Server factory;
  private final ScheduledExecutorService scheduler;
  private Contents served;
  private Contents pending;
  private Contents refused;

  TlsReloader(TlsFiles files, SslContextFactory.Server factory) {
    this.files = Objects.requireNonNull(files, "files");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.served = read();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "filesight-tls-reload");
              thread.setDaemon(true);
              return thread;
            });
  }

  void start() {
    scheduler.scheduleWithFixedDelay(
        this::poll, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      Contents now = read();
      if (now == null || now.equals(served) || now.equals(refused)) {
        pending = null;
        return;
      }
      if (!now.equals(pending)) {
        pending = now;
        return;
      }
      pending = null;
      KeyStore store;
      try {
        store = PemIdentity.keyStore(files);
      } catch (InvalidTlsFilesException e) {
        refused = now;
        LOG.warn(
            "TLS files changed but cannot be served, keeping the previous ones: {}",
            e.getMessage());
        return;
      }
      factory.reload(reloaded -> reloaded.setKeyStore(store));
      served = now;
      refused = null;
      LOG.info("TLS certificate reloaded from {}", files.certificate());
    } catch (Exception e) {
      // A failed poll must not end the polling: the next one may see good files.
      LOG.warn("TLS reload failed, keeping the previous certificate: {}", e.toString());
    }
  }

  /** Both files' bytes, or null while either cannot be read (being replaced, say). */
  private Contents read() {
    try {
      return new Contents(
          Files.readAllBytes(files.certificate()), Files.readAllBytes(files.privateKey()));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private record Contents(byte[] certificate, byte[] key) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Contents contents
          && Arrays.equals(certificate, contents.certificate)
          && Arrays.equals(key, contents.key);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(certificate) + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "Contents[" + certificate.length + ", " + key.length + " bytes]";
    }
  }
}
