package io.filesight.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the requests in flight: at most {@code maxConcurrent} are handled at once, at most {@code
 * maxQueued} more wait for their turn (without holding a thread) for at most {@link #MAX_WAIT}, and
 * any other is answered at once {@code 503 ServiceUnavailable} with a {@code Retry-After}, through
 * {@link JettyJsonErrorHandler}. Without it, Jetty queues every request it reads in its thread
 * pool's unbounded queue, so a load beyond capacity grows the heap until the process fails. Health
 * probes and metrics bypass the bound, so that an orchestrator and a dashboard still see an
 * overloaded server. Jetty's {@link QoSHandler} does the counting and queueing; this class answers,
 * counts and logs what it sheds.
 */
final class LoadShedder extends QoSHandler {
  /** Jetty's reason for a shed request, which {@link DefenderErrors} answers. */
  static final String OVERLOADED = "Overloaded";

  /**
   * Longest wait for a turn: well below clients' usual timeouts and the default stop timeout, so
   * that a waiting request is answered rather than abandoned, and a stop is not held by a queue.
   */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** At most one log line per this interval, however many requests are shed. */
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private static final Logger LOG = LoggerFactory.getLogger(LoadShedder.class);

  private final HttpMetrics metrics;
  private final AtomicLong shedSinceLogged = new AtomicLong();
  private final AtomicLong lastLoggedNanos;

  /**
   * @param maxConcurrent requests handled at once; 0 for half the server's threads (Jetty's
   *     heuristic), leaving the other half to read, reject and answer probes
   * @param maxQueued requests waiting for their turn; 0 sheds every request beyond {@code
   *     maxConcurrent}
   */
  LoadShedder(int maxConcurrent, int maxQueued, HttpMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    setMaxRequestCount(maxConcurrent);
    setMaxSuspendedRequestCount(maxQueued);
    setMaxSuspend(MAX_WAIT);
    excludePath("/health/*", "/metrics");
    lastLoggedNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    metrics.bindLoadShedding(this::getSuspendedRequestCount);
  }

  @Override
  protected void reject(Request request, Response response, Callback callback, int status) {
    shed(request, response, callback);
  }

  @Override
  protected void failSuspended(
      Request request, Response response, Callback callback, int status, Throwable failure) {
    if (failure instanceof TimeoutException) {
      shed(request, response, callback);
    } else {
      super.failSuspended(request, response, callback, status, failure);
    }
  }

  private void shed(Request request, Response response, Callback callback) {
    metrics.recordShedRequest();
    shedSinceLogged.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLoggedNanos.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLoggedNanos.compareAndSet(last, now)) {
      LOG.warn(
          "overloaded: answered 503 to {} request(s) since the last such line; {} are handled at"
              + " once at most, {} are waiting now",
          shedSinceLogged.getAndSet(0),
          getMaxRequestCount(),
          getSuspendedRequestCount());
    }
    Response.writeError(request, response, callback, 503, OVERLOADED);
  }
}
