package io.filesight.adapter.http;

import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.application.port.in.CheckReadiness;
import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateQuota;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary adapter: the Defender-compatible HTTP server. It serves {@code GET
 * /api/files/{id}/machines}, the connectors' connection test {@code GET /api/alerts}, health
 * probes, Prometheus metrics and the API description, over HTTP or HTTPS, answers every error with
 * Defender's JSON body, and stops gracefully.
 */
public final class FilesightHttpServer {
  /** Bytes Javalin copies a result with at a time (see the constructor). */
  public static final int RESULT_COPY_BUFFER = 8 * 1024;

  /** The SLF4J logger of the access log, one line per request, for the logging setup. */
  public static final String ACCESS_LOGGER = AccessLog.LOGGER_NAME;

  private static final Logger LOG = LoggerFactory.getLogger(FilesightHttpServer.class);

  private static final String MANAGEMENT_CONNECTOR = "management";

  private final HttpSettings settings;
  private final DefenderErrors errors;
  private final HttpMetrics metrics;
  private final ServerMeters meters;
  private final HealthHandlers health;
  private final Javalin app;
  private final SslContextFactory.Server tls;
  private TlsReloader tlsReloader;

  /** The connector of {@code port}, once the server is built. */
  private volatile ServerConnector api;

  /** The connector of the management port; null when everything is served on one port. */
  private volatile ServerConnector management;

  private boolean started;
  private boolean stopped;

  /** A server advertising Defender's quota (100 calls per minute, 1500 per hour). */
  public FilesightHttpServer(
      FindRelatedMachines find,
      CheckConnection connectionTest,
      AuthenticateCaller authenticate,
      CheckReadiness readiness,
      HttpSettings settings) {
    this(find, connectionTest, authenticate, readiness, settings, RateQuota.defender());
  }

  /**
   * A server advertising {@code quota} in its {@code RateLimit-Policy} header; the quota itself is
   * enforced by the use case, so pass the same one.
   */
  public FilesightHttpServer(
      FindRelatedMachines find,
      CheckConnection connectionTest,
      AuthenticateCaller authenticate,
      CheckReadiness readiness,
      HttpSettings settings,
      RateQuota quota) {
    Objects.requireNonNull(find, "find");
    Objects.requireNonNull(connectionTest, "connectionTest");
    Objects.requireNonNull(authenticate, "authenticate");
    Objects.requireNonNull(readiness, "readiness");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.errors = new DefenderErrors(quota);
    this.metrics = new HttpMetrics();
    this.meters = new ServerMeters(metrics.registry());
    this.tls = settings.tls().map(FilesightHttpServer::tlsContext).orElse(null);
    RelatedMachinesHandler machines =
        new RelatedMachinesHandler(
            find,
            authenticate,
            settings.unknownFile(),
            settings.baseUrl(),
            new RenderedMachines(settings.renderedMachines()));
    ConnectionTestHandler alerts =
        new ConnectionTestHandler(connectionTest, authenticate, settings.baseUrl());
    this.health = new HealthHandlers(readiness);
    ApiDocs docs = new ApiDocs();
    this.app =
        Javalin.create(
            config -> {
              configureServer(config);
              config.routes.before(this::beforeEveryRequest);
              // HEAD is GET without a body: it authenticates and counts like GET.
              config.routes.get(RelatedMachinesHandler.PATH, machines);
              config.routes.head(RelatedMachinesHandler.PATH, machines);
              config.routes.get(ConnectionTestHandler.PATH, alerts);
              config.routes.head(ConnectionTestHandler.PATH, alerts);
              config.routes.get("/health/live", health::live);
              config.routes.get("/health/ready", health::ready);
              config.routes.get("/health/started", health::started);
              config.routes.get("/metrics", this::scrape);
              config.routes.get("/openapi.yaml", docs::openApi);
              config.routes.get("/docs", docs::page);
              config.routes.get("/docs/{asset}", docs::asset);
              config.routes.exception(Exception.class, this::answerError);
              config.routes.exception(HttpResponseException.class, this::answerError);
            });
  }

  /**
   * One certificate for every name the server is reached by, IP addresses included, so Jetty's SNI
   * host check stays off; TLS 1.2 and 1.3 only.
   *
   * @throws InvalidTlsFilesException when the files cannot be served
   */
  private static SslContextFactory.Server tlsContext(TlsFiles files) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(PemIdentity.keyStore(files));
    factory.setKeyStorePassword(new String(PemIdentity.STORE_PASSWORD));
    factory.setCertAlias(PemIdentity.ALIAS);
    factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    factory.setSniRequired(false);
    return factory;
  }

  private void configureServer(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.startup.startupWatcherEnabled = false;
    LateHeaders lateHeaders = new LateHeaders(errors, metrics, settings.headerTimeout());
    // The connector Javalin would build, its connections given a deadline for request headers.
    config.jetty.addConnector(
        (server, http) -> {
          HeaderDeadlineConnectionFactory plain =
              new HeaderDeadlineConnectionFactory(
                  http, settings.headerTimeout(), lateHeaders::answer);
          ServerConnector connector;
          if (tls == null) {
            connector = new ServerConnector(server, plain);
          } else {
            // Added before Jetty would add its own, which checks SNI against the host name.
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector =
                new ServerConnector(
                    server, new SslConnectionFactory(tls, plain.getProtocol()), plain);
          }
          connector.setHost(settings.bindAddress());
          connector.setPort(settings.port());
          api = connector;
          return connector;
        });
    if (settings.managementPort().isPresent()) {
      config.jetty.addConnector(
          (server, http) -> {
            ServerConnector connector =
                new ServerConnector(
                    server,
                    new HeaderDeadlineConnectionFactory(
                        http, settings.headerTimeout(), lateHeaders::answer));
            connector.setName(MANAGEMENT_CONNECTOR);
            connector.setHost(settings.bindAddress());
            connector.setPort(settings.managementPort().getAsInt());
            management = connector;
            return connector;
          });
    }
    // Another method on a known path is 405, not 404; '/machines/' is not the route.
    config.http.prefer405over404 = true;
    // Javalin copies each result (errors, health, docs; lookups write their answers themselves,
    // see AnswerStream) to the response through a buffer of this size, allocated per response; by
    // default Jetty's output buffer size (32 KB). Jetty still gathers the chunks in its own buffer.
    config.http.responseBufferSize = RESULT_COPY_BUFFER;
    config.router.ignoreTrailingSlashes = false;
    config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    JettyJsonErrorHandler jettyErrors =
        new JettyJsonErrorHandler(errors, metrics, settings.trustedProxies());
    config.jetty.modifyServer(
        server -> {
          // Inserted first, so it sits below the GracefulHandler: a stop waits for the requests
          // waiting their turn too, which MAX_WAIT bounds.
          server.insertHandler(
              new LoadShedder(
                  settings.maxConcurrentRequests(), settings.maxQueuedRequests(), metrics));
          // Javalin issue #2332: without a GracefulHandler and a stop timeout, stop() cuts
          // in-flight requests.
          server.insertHandler(new GracefulHandler());
          server.setStopTimeout(settings.stopTimeout().toMillis());
          server.setErrorHandler(jettyErrors);
          metrics.bindThreadPool(server.getThreadPool());
        });
    config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
    config.jetty.modifyHttpConfiguration(
        http -> {
          http.setSendServerVersion(false);
          http.setSendXPoweredBy(false);
          // Jetty caches header values per connection in a 1024-char trie and clears it when full.
          // Bearer tokens (about 1 KB, a new one per caller) thrashed it: clearing showed as a
          // third of the server's CPU when calls with many tokens shared connections. Tokens are
          // longer than 512 chars, so they are no longer cached; short common headers still are.
          http.setHeaderCacheSize(512);
          // The request line and every header together; beyond it Jetty answers 431 (414 for the
          // URI), as JSON through the error handler above.
          http.setRequestHeaderSize(settings.maxRequestHeaderSize());
        });
    config.requestLogger.http(this::logRequest);
  }

  /** Starts listening. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the server was already started");
    }
    started = true;
    app.start();
    if (tls != null) {
      tlsReloader = new TlsReloader(settings.tls().orElseThrow(), tls);
      tlsReloader.start();
    }
    LOG.info(
        "filesight {} server listening on {}:{}",
        tls == null ? "HTTP" : "HTTPS",
        settings.bindAddress(),
        port());
    if (management != null) {
      LOG.info(
          "/metrics and /health/* served over HTTP on {}:{} only",
          settings.bindAddress(),
          management.getLocalPort());
    }
    if (tls == null && !isLoopback(settings.bindAddress())) {
      LOG.warn(
          "serving plain HTTP on {}:{}, reachable from other hosts: bearer tokens cross the"
              + " network in clear. Serve HTTPS with a certificate and key, or bind a loopback"
              + " address behind a proxy that does.",
          settings.bindAddress(),
          port());
    }
  }

  private static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Says that start-up finished (the database opened and migrated, the keys loaded): {@code
   * /health/started} answers 503 DOWN until this is called, 200 UP after.
   */
  public void startupFinished() {
    health.startupFinished();
  }

  /**
   * The port {@code /metrics} and {@code /health/*} are served on: the management port when the
   * settings name one, else {@link #port()}.
   */
  public synchronized int managementPort() {
    if (!started) {
      throw new IllegalStateException("the server is not started");
    }
    return management == null ? port() : management.getLocalPort();
  }

  /** The port listened on, useful when the settings asked for port 0. */
  public synchronized int port() {
    if (!started) {
      throw new IllegalStateException("the server is not started");
    }
    return api.getLocalPort();
  }

  /**
   * Stops gracefully: refuses new requests (503), lets in-flight ones finish within the settings'
   * stop timeout, then closes connections and the meter registry, also when requests outlive that
   * timeout. Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (tlsReloader != null) {
        tlsReloader.close();
      }
      if (started) {
        app.stop();
      }
    } catch (RuntimeException e) {
      if (!causedByTimeout(e)) {
        throw e;
      }
      // Jetty stops everything, then reports that requests outlived the stop timeout: a stop
      // that throws here would leave a signal handler short of its exit.
      LOG.warn(
          "stopped with requests still in flight after the stop timeout ({} ms); their"
              + " connections were closed",
          settings.stopTimeout().toMillis());
    } finally {
      metrics.close();
    }
  }

  private static boolean causedByTimeout(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (causedByTimeout(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where the wiring registers the meters of the parts behind the server. */
  public ServerMeters meters() {
    return meters;
  }

  /** The registry behind {@code /metrics}, for embedders who add their own meters. */
  public PrometheusMeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** The registered paths, by method; the OpenAPI test compares them with the description. */
  Set<String> registeredRoutes() {
    Set<String> routes = new TreeSet<>();
    for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
      Endpoint endpoint = parsed.endpoint;
      if (endpoint.method.isHttpMethod()) {
        routes.add(endpoint.method.name() + " " + endpoint.path);
      }
    }
    return routes;
  }

  private void beforeEveryRequest(Context ctx) {
    String requestId = RequestAttributes.newRequestId();
    RequestAttributes.requestId(ctx, requestId);
    origin(ctx);
    ResponseHeaders.applyCommon(requestId, ctx::header);
    // Before the router decodes path parameters: it fails on what Jetty lets through.
    MalformedPathException.requireWellFormed(ctx.path());
    ServerConnector managementPort = management;
    if (managementPort != null
        && (ctx.req().getLocalPort() == managementPort.getLocalPort())
            != isManagementPath(ctx.path())) {
      // Each port serves only its own paths: probes and metrics stay off the API's port.
      throw new NotFoundResponse();
    }
  }

  private static boolean isManagementPath(String path) {
    return path.equals("/metrics") || path.startsWith("/health/");
  }

  private void scrape(Context ctx) {
    ctx.contentType(HttpMetrics.PROMETHEUS_TEXT).result(metrics.scrape());
  }

  private void answerError(Exception failure, Context ctx) {
    DefenderError error = errors.answer(failure);
    String requestId = RequestAttributes.requestId(ctx);
    if (error.status() == 503) {
      // An outage, not a bug: one line, and the operator sees the cause.
      LOG.warn("request {} answered 503: {}", requestId, failure.getMessage());
    } else if (error.status() >= 500) {
      LOG.error("request {} failed", requestId, failure);
    }
    RequestAttributes.failure(ctx, failure);
    if (failure instanceof QuotaExceededException) {
      metrics.recordRateLimitRejection(((QuotaExceededException) failure).rejection().limit());
    }
    if (failure instanceof UnauthenticatedException) {
      metrics.recordUnauthorized(UnauthorizedReason.of((UnauthenticatedException) failure));
    }
    if (ctx.res().isCommitted()) {
      // Part of a streamed answer already left: the connection is all that can be cut.
      LOG.error("request {} failed after its answer started", requestId, failure);
      return;
    }
    ctx.res().resetBuffer();
    ctx.status(error.status());
    error.headers().forEach(ctx::header);
    ctx.contentType(ResponseHeaders.ODATA_JSON).result(Json.bytes(error.body(requestId)));
  }

  private void logRequest(Context ctx, Float durationMs) {
    String route =
        ctx.endpoints().matchedHttpEndpoint() == null
            ? null
            : ctx.endpoints().matchedHttpEndpoint().path;
    int status = ctx.statusCode();
    metrics.recordRequest(
        ctx.method().name(),
        route,
        status,
        RequestAttributes.failure(ctx),
        (long) (durationMs * 1_000_000L));
    AccessLog.log(
        new AccessLog.Entry(
            ctx.method().name(),
            ctx.path(),
            status,
            durationMs,
            bodyBytes(ctx),
            RequestAttributes.requestId(ctx),
            origin(ctx).clientAddress(),
            ctx.header("User-Agent"),
            RequestAttributes.caller(ctx)));
  }

  /** Bytes of body sent, compressed or not; -1 if Jetty cannot tell. */
  private static long bodyBytes(Context ctx) {
    ServletContextResponse response = ServletContextResponse.getServletContextResponse(ctx.res());
    if (response == null) {
      return -1;
    }
    if (ctx.res().getHeader("Content-Encoding") != null) {
      // Javalin ends a compressed body only after this logger runs; ended here, its last bytes
      // are counted. Closing again later does nothing.
      try {
        ctx.outputStream().close();
      } catch (IOException | RuntimeException clientGone) {
        // What was written is still counted.
      }
    }
    return response.getHttpOutput().getWritten();
  }

  /** Where the request came from, worked out once, trusted proxies looked through. */
  private TrustedProxies.ClientOrigin origin(Context ctx) {
    TrustedProxies.ClientOrigin origin = RequestAttributes.origin(ctx);
    if (origin == null) {
      origin =
          settings
              .trustedProxies()
              .origin(
                  ctx.req().getRemoteAddr(),
                  values(ctx, "Forwarded"),
                  values(ctx, "X-Forwarded-For"),
                  values(ctx, "X-Forwarded-Proto"),
                  values(ctx, "X-Forwarded-Host"));
      RequestAttributes.origin(ctx, origin);
    }
    return origin;
  }

  private static List<String> values(Context ctx, String header) {
    return Collections.list(ctx.req().getHeaders(header));
  }
}
