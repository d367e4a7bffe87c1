package io.filesight.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.CyclicTimeout;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections with a deadline for each request's line and headers, parsed by {@link
 * ProtocolVersionParser}. Jetty's idle timeout restarts with every byte and Jetty has no header
 * deadline, so a client sending one byte every few seconds would hold a connection forever.
 *
 * <p>The deadline runs from the connection's opening for its first request (so a silent connection
 * counts too) and from the first byte of each later request, and stops when the headers are parsed:
 * a slow body and a kept-alive connection waiting for its next request are left to the idle
 * timeout. Jetty's {@link HttpConnection} is the only place that sees a request begin and its
 * headers end, hence the subclass of Jetty's internal class; its parser callbacks run one at a time
 * per connection, and {@link CyclicTimeout} makes the per-request rearming cheap.
 */
final class HeaderDeadlineConnectionFactory extends HttpConnectionFactory {
  private final long timeoutMillis;
  private final Consumer<EndPoint> onLate;

  /**
   * @param onLate what to do with a connection whose headers are late; it runs on Jetty's scheduler
   *     and must close the end point
   */
  HeaderDeadlineConnectionFactory(
      HttpConfiguration config, Duration timeout, Consumer<EndPoint> onLate) {
    super(config);
    this.timeoutMillis = timeout.toMillis();
    this.onLate = Objects.requireNonNull(onLate, "onLate");
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    DeadlineConnection connection =
        new DeadlineConnection(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  private final class DeadlineConnection extends HttpConnection {
    private final CyclicTimeout deadline;
    // Written by the parsing thread, read by the scheduler's when the deadline passes.
    private volatile boolean awaitingHeaders;

    DeadlineConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
      deadline =
          new CyclicTimeout(connector.getScheduler()) {
            @Override
            public void onTimeoutExpired() {
              // Headers completing at this very moment may still meet the 408; the connection
              // closes either way, which a client must expect of a deadline.
              if (awaitingHeaders) {
                onLate.accept(getEndPoint());
              }
            }
          };
    }

    // Called from HttpConnection's constructor: it must not touch this class's fields.
    @Override
    protected RequestHandler newRequestHandler() {
      return new DeadlineRequestHandler();
    }

    // Also called from HttpConnection's constructor, after newRequestHandler().
    @Override
    protected HttpParser newHttpParser(HttpCompliance compliance) {
      HttpParser stock = super.newHttpParser(compliance);
      HttpParser parser =
          new ProtocolVersionParser(
              (HttpParser.RequestHandler) stock.getHandler(),
              getHttpConfiguration().getRequestHeaderSize(),
              compliance);
      parser.setHeaderCacheSize(stock.getHeaderCacheSize());
      parser.setHeaderCacheCaseSensitive(stock.isHeaderCacheCaseSensitive());
      return parser;
    }

    @Override
    public void onOpen() {
      awaitHeaders();
      super.onOpen();
    }

    @Override
    public void onClose(Throwable cause) {
      awaitingHeaders = false;
      deadline.destroy();
      super.onClose(cause);
    }

    private void awaitHeaders() {
      awaitingHeaders = true;
      deadline.schedule(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void headersEnded() {
      awaitingHeaders = false;
      deadline.cancel();
    }

    private final class DeadlineRequestHandler extends RequestHandler {
      @Override
      public void messageBegin() {
        super.messageBegin();
        // The parser begins a message whenever it is idle and parses, also with nothing to read
        // after an answer; only bytes mean that a client has started its next request.
        if (!awaitingHeaders && !isRequestBufferEmpty()) {
          awaitHeaders();
        }
      }

      @Override
      public boolean headerComplete() {
        headersEnded();
        return super.headerComplete();
      }

      @Override
      public void badMessage(HttpException failure) {
        // Jetty answers it (400, 431...) and closes: the deadline must not answer too.
        headersEnded();
        super.badMessage(failure);
      }

      @Override
      public void earlyEOF() {
        headersEnded();
        super.earlyEOF();
      }
    }
  }
}
