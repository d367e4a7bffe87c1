package io.filesight.adapter.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of the HTTP adapter.
 *
 * @param bindAddress the address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one (see {@link FilesightHttpServer#port()})
 * @param baseUrl the public base URL written in {@code @odata.context} and {@code
 *     @odata.nextLink}; empty to derive it from each request's scheme and {@code Host} header
 * @param unknownFile how a file never seen is answered
 * @param jsonAccessLog whether access log lines are rendered as JSON (read by the logging setup in
 *     bootstrap; the adapter always attaches the fields as key-value pairs)
 * @param stopTimeout how long {@link FilesightHttpServer#stop()} lets in-flight requests finish
 * @param renderedMachines how many machines' JSON is kept rendered in memory (about 1 KB each); 0
 *     renders every machine of every answer
 * @param maxRequestHeaderSize most bytes of a request line and its headers together; a larger
 *     request is answered 431 (414 when the URI alone is too long) before any handler runs, so a
 *     block smaller than the longest accepted bearer token plus ordinary headers turns such tokens
 *     away with 431 instead of reading them
 * @param headerTimeout how long a request's line and headers may take to arrive, from the
 *     connection's opening for its first request and from the first byte for later ones; a
 *     connection still short of them then is answered 408 and closed, however steadily it sends
 * @param maxConcurrentRequests most requests handled at once, health probes and metrics aside; 0
 *     for half the server's threads
 * @param maxQueuedRequests most requests waiting for their turn beyond those; any further request
 *     is answered 503 at once, and one waits at most 10 s
 * @param tls the certificate and key HTTPS is served with, on {@code port}; empty for plain HTTP
 * @param trustedProxies the proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers name
 *     the client, its scheme and host; from any other sender they are ignored
 * @param managementPort when present, {@code /metrics} and {@code /health/*} are served only on
 *     this port (plain HTTP, same bind address; 0 picks a free one), and only they are; empty
 *     serves everything on {@code port}
 */
public record HttpSettings(
    String bindAddress,
    int port,
    Optional<URI> baseUrl,
    UnknownFileAnswer unknownFile,
    boolean jsonAccessLog,
    Duration stopTimeout,
    int renderedMachines,
    int maxRequestHeaderSize,
    Duration headerTimeout,
    int maxConcurrentRequests,
    int maxQueuedRequests,
    Optional<TlsFiles> tls,
    TrustedProxies trustedProxies,
    OptionalInt managementPort) {
  /** Machines kept rendered unless told otherwise. */
  public static final int DEFAULT_RENDERED_MACHINES = 10_000;

  /**
   * Request header block allowed unless told otherwise: room for a bearer token at the token length
   * cap (16 KiB; a delegated token of a user in 200 groups, the most Azure AD lists, is below it)
   * beside ordinary headers, so that every such token is read rather than turned away.
   */
  public static final int DEFAULT_MAX_REQUEST_HEADER_SIZE = 20 * 1024;

  /** Smallest header block allowed: Jetty's own default, which application tokens fit in. */
  public static final int SMALLEST_MAX_REQUEST_HEADER_SIZE = 8 * 1024;

  /** Largest header block allowed: each request's headers are held in memory while it is read. */
  public static final int LARGEST_MAX_REQUEST_HEADER_SIZE = 1024 * 1024;

  /**
   * Time allowed for a request's line and headers unless told otherwise, as nginx's {@code
   * client_header_timeout}: Jetty's idle timeout restarts with every byte, so without this a client
   * sending one byte every few seconds holds a connection forever.
   */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(60);

  /** {@code maxConcurrentRequests} meaning half the server's threads. */
  public static final int AUTO_MAX_CONCURRENT_REQUESTS = 0;

  /**
   * Requests waiting for their turn unless told otherwise: about as many as are handled at once by
   * default, enough to absorb a burst. Each waiting request adds to the wait of those behind it, so
   * a deeper queue (Jetty's default is 1024) mostly delays answers that the caller would get as
   * fast by retrying after the 503; a waiting request holds no thread, only its connection's
   * buffers.
   */
  public static final int DEFAULT_MAX_QUEUED_REQUESTS = 128;

  /** Largest bound on handled or waiting requests. */
  public static final int LARGEST_MAX_REQUESTS = 100_000;

  public HttpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(unknownFile, "unknownFile");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(trustedProxies, "trustedProxies");
    Objects.requireNonNull(managementPort, "managementPort");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    managementPort.ifPresent(
        management -> {
          if (management < 0 || management > 65_535) {
            throw new IllegalArgumentException(
                "managementPort must be between 0 and 65535, was " + management);
          }
          if (management != 0 && management == port) {
            throw new IllegalArgumentException(
                "managementPort must differ from port " + port + ", was " + management);
          }
        });
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stopTimeout must not be negative, was " + stopTimeout);
    }
    if (renderedMachines < 0) {
      throw new IllegalArgumentException(
          "renderedMachines must be 0 or more, was " + renderedMachines);
    }
    if (maxRequestHeaderSize < SMALLEST_MAX_REQUEST_HEADER_SIZE
        || maxRequestHeaderSize > LARGEST_MAX_REQUEST_HEADER_SIZE) {
      throw new IllegalArgumentException(
          "maxRequestHeaderSize must be between "
              + SMALLEST_MAX_REQUEST_HEADER_SIZE
              + " and "
              + LARGEST_MAX_REQUEST_HEADER_SIZE
              + " bytes, was "
              + maxRequestHeaderSize);
    }
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("headerTimeout must be positive, was " + headerTimeout);
    }
    if (maxConcurrentRequests < 0 || maxConcurrentRequests > LARGEST_MAX_REQUESTS) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be between 0 (auto) and "
              + LARGEST_MAX_REQUESTS
              + ", was "
              + maxConcurrentRequests);
    }
    if (maxQueuedRequests < 0 || maxQueuedRequests > LARGEST_MAX_REQUESTS) {
      throw new IllegalArgumentException(
          "maxQueuedRequests must be between 0 and "
              + LARGEST_MAX_REQUESTS
              + ", was "
              + maxQueuedRequests);
    }
    baseUrl.ifPresent(HttpSettings::requireHttpBase);
  }

  /** Everything served on {@code port}. */
  public HttpSettings(
      String bindAddress,
      int port,
      Optional<URI> baseUrl,
      UnknownFileAnswer unknownFile,
      boolean jsonAccessLog,
      Duration stopTimeout,
      int renderedMachines,
      int maxRequestHeaderSize,
      Duration headerTimeout,
      int maxConcurrentRequests,
      int maxQueuedRequests,
      Optional<TlsFiles> tls,
      TrustedProxies trustedProxies) {
    this(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        OptionalInt.empty());
  }

  /** Plain HTTP, trusting no proxy. */
  public HttpSettings(
      String bindAddress,
      int port,
      Optional<URI> baseUrl,
      UnknownFileAnswer unknownFile,
      boolean jsonAccessLog,
      Duration stopTimeout,
      int renderedMachines,
      int maxRequestHeaderSize,
      Duration headerTimeout,
      int maxConcurrentRequests,
      int maxQueuedRequests) {
    this(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        Optional.empty(),
        TrustedProxies.none(),
        OptionalInt.empty());
  }

  /**
   * 0.0.0.0:8080, base URL from the request, 404 for unknown files, text log, 20 s to stop, 10,000
   * machines kept rendered, 20 KiB of request headers arriving within 60 s, half the server's
   * threads handling requests and 128 more waiting.
   */
  public static HttpSettings defaults() {
    return new HttpSettings(
        "0.0.0.0",
        8080,
        Optional.empty(),
        UnknownFileAnswer.NOT_FOUND,
        false,
        Duration.ofSeconds(20),
        DEFAULT_RENDERED_MACHINES,
        DEFAULT_MAX_REQUEST_HEADER_SIZE,
        DEFAULT_HEADER_TIMEOUT,
        AUTO_MAX_CONCURRENT_REQUESTS,
        DEFAULT_MAX_QUEUED_REQUESTS,
        Optional.empty(),
        TrustedProxies.none(),
        OptionalInt.empty());
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(
        bindAddress,
        newPort,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withBaseUrl(URI newBaseUrl) {
    return new HttpSettings(
        bindAddress,
        port,
        Optional.of(newBaseUrl),
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withUnknownFile(UnknownFileAnswer answer) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        answer,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withStopTimeout(Duration timeout) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        timeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withRenderedMachines(int count) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        count,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withMaxRequestHeaderSize(int bytes) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        bytes,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withHeaderTimeout(Duration timeout) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        timeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withMaxConcurrentRequests(int count) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        count,
        maxQueuedRequests,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withMaxQueuedRequests(int count) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        count,
        tls,
        trustedProxies,
        managementPort);
  }

  public HttpSettings withTls(TlsFiles files) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        Optional.of(files),
        trustedProxies,
        managementPort);
  }

  public HttpSettings withTrustedProxies(TrustedProxies proxies) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        proxies,
        managementPort);
  }

  /** {@code /metrics} and {@code /health/*} served only on {@code newPort}, and only they. */
  public HttpSettings withManagementPort(int newPort) {
    return new HttpSettings(
        bindAddress,
        port,
        baseUrl,
        unknownFile,
        jsonAccessLog,
        stopTimeout,
        renderedMachines,
        maxRequestHeaderSize,
        headerTimeout,
        maxConcurrentRequests,
        maxQueuedRequests,
        tls,
        trustedProxies,
        OptionalInt.of(newPort));
  }

  private static void requireHttpBase(URI uri) {
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + uri);
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + uri);
    }
  }
}
