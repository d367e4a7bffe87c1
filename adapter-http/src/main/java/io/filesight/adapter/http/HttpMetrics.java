package io.filesight.adapter.http;

import io.filesight.domain.RateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Micrometer bound by hand (the Javalin 7 plugin is not available): request counts and latency
 * histograms by route and status, rate-limit rejections, connections closed for late headers,
 * requests shed under overload, JVM and Jetty thread pool gauges.
 */
final class HttpMetrics implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String UNMATCHED_ROUTE = "UNMATCHED";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Map<Series, Timer> requestTimers = new ConcurrentHashMap<>();
  private Counter shedRequests;

  HttpMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  void bindThreadPool(ThreadPool pool) {
    new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(registry);
  }

  /** The methods of RFC 9110 and PATCH; any other method is counted as {@link #OTHER_METHOD}. */
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  static final String OTHER_METHOD = "_OTHER";

  /**
   * Counts and times one request; {@code route} is the route template, never the raw path, so the
   * number of series stays bounded.
   */
  void recordRequest(String method, String route, int status, long durationNanos) {
    String series = route == null || route.isEmpty() ? UNMATCHED_ROUTE : route;
    // Jetty hands over any token a client sends as its method: only the standard ones name a
    // series, or a client could create series without bound.
    String known = STANDARD_METHODS.contains(method) ? method : OTHER_METHOD;
    // Kept per series: registering looks the meter up by its tags, which costs more than recording.
    requestTimers
        .computeIfAbsent(
            new Series(known, series, status),
            key ->
                Timer.builder("http.server.requests")
                    .description("HTTP requests by route and status")
                    .tag("method", key.method())
                    .tag("route", key.route())
                    .tag("status", Integer.toString(key.status()))
                    .publishPercentileHistogram()
                    .register(registry))
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private record Series(String method, String route, int status) {}

  void recordRateLimitRejection(RateLimit limit) {
    Counter.builder("filesight.ratelimit.rejections")
        .description("Calls rejected with 429, by the limit that rejected them")
        .tag("limit", limit.describe())
        .register(registry)
        .increment();
  }

  void bindLoadShedding(IntSupplier waiting) {
    Gauge.builder("filesight.http.waiting.requests", waiting::getAsInt)
        .description("Requests waiting for their turn to be handled")
        .register(registry);
    shedRequests =
        Counter.builder("filesight.http.shed.requests")
            .description("Requests answered 503 at once because the server was overloaded")
            .register(registry);
  }

  void recordShedRequest() {
    shedRequests.increment();
  }

  void recordHeaderTimeout() {
    Counter.builder("filesight.http.header.timeouts")
        .description("Connections closed because their request headers took too long")
        .register(registry)
        .increment();
  }

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
