package io.filesight.adapter.http;

import io.filesight.domain.RateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
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
 * Micrometer bound by hand (the Javalin 7 plugin is not available), named as Spring Boot names its
 * meters: request counts and latency histograms by method, uri, status, outcome and exception; 401s
 * by reason, rate-limit rejections, connections closed for late headers, requests shed under
 * overload, JVM and Jetty thread pool gauges.
 */
final class HttpMetrics implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Map<Series, Timer> requestTimers = new ConcurrentHashMap<>();
  private final Map<String, Counter> unauthorized = new ConcurrentHashMap<>();
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

  /** The methods of RFC 9110 and PATCH; any other method is counted as {@link #UNKNOWN}. */
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  /** Spring's {@code uri} and {@code method} value when neither a route nor a status names it. */
  static final String UNKNOWN = "UNKNOWN";

  /** Spring's {@code exception} value for a request that raised none. */
  static final String NO_EXCEPTION = "None";

  /**
   * Counts and times one request with Spring's tags ({@code WebMvcTags}): {@code uri} is the route
   * template, never the raw path, so the number of series stays bounded; without a route it is
   * {@code REDIRECTION} for a 3xx, {@code NOT_FOUND} for a 404 and {@code UNKNOWN} otherwise.
   * {@code exception} is the simple name of the exception the request was answered for.
   */
  void recordRequest(
      String method, String route, int status, Exception failure, long durationNanos) {
    // Jetty hands over any token a client sends as its method: only the standard ones name a
    // series, or a client could create series without bound.
    String known = STANDARD_METHODS.contains(method) ? method : UNKNOWN;
    String exception = failure == null ? NO_EXCEPTION : exceptionName(failure);
    // Kept per series: registering looks the meter up by its tags, which costs more than recording.
    requestTimers
        .computeIfAbsent(
            new Series(known, uri(route, status), status, exception),
            key ->
                Timer.builder("http.server.requests")
                    .description("HTTP requests by route, status, outcome and exception")
                    .tag("method", key.method())
                    .tag("uri", key.uri())
                    .tag("status", Integer.toString(key.status()))
                    .tag("outcome", Outcome.forStatus(key.status()).name())
                    .tag("exception", key.exception())
                    .publishPercentileHistogram()
                    .register(registry))
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** The simple class name, as Spring tags it; an anonymous class has none, so its full name. */
  private static String exceptionName(Exception failure) {
    String simple = failure.getClass().getSimpleName();
    return simple.isEmpty() ? failure.getClass().getName() : simple;
  }

  private static String uri(String route, int status) {
    if (route != null && !route.isEmpty()) {
      return "/".equals(route) ? "root" : route;
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    return status == 404 ? "NOT_FOUND" : UNKNOWN;
  }

  private record Series(String method, String uri, int status, String exception) {}

  /**
   * Counts one 401 by why the caller was not authenticated; {@code reason} is one of a fixed set of
   * words, never anything taken from the token.
   */
  void recordUnauthorized(String reason) {
    unauthorized
        .computeIfAbsent(
            reason,
            key ->
                Counter.builder("filesight.http.unauthorized")
                    .description("Requests answered 401, by why the caller was not authenticated")
                    .tag("reason", key)
                    .register(registry))
        .increment();
  }

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
