package io.filesight.adapter.http;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty rejects before Javalin sees it (oversized headers 431, oversized URI 414,
 * malformed requests 400, unsupported protocol versions 505, 503 while shutting down or overloaded)
 * with Defender's JSON error body instead of Jetty's HTML page.
 */
final class JettyJsonErrorHandler extends ErrorHandler {
  private final DefenderErrors errors;
  private final HttpMetrics metrics;
  private final TrustedProxies proxies;

  JettyJsonErrorHandler(DefenderErrors errors, HttpMetrics metrics, TrustedProxies proxies) {
    this.errors = Objects.requireNonNull(errors, "errors");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.proxies = Objects.requireNonNull(proxies, "proxies");
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    long start = System.nanoTime();
    DefenderError error = errors.forJettyRejection(code, message);
    String requestId = RequestAttributes.newRequestId();
    response.setStatus(error.status());
    ResponseHeaders.applyCommon(requestId, (name, value) -> response.getHeaders().put(name, value));
    error.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ResponseHeaders.ODATA_JSON);
    byte[] body = Json.bytes(error.body(requestId));
    // Logged before writing: once the answer is out, the client may already be looking for it.
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    HttpFields headers = request.getHeaders();
    String client =
        proxies
            .origin(
                Request.getRemoteAddr(request),
                headers.getValuesList(HttpHeader.FORWARDED),
                headers.getValuesList(HttpHeader.X_FORWARDED_FOR),
                headers.getValuesList(HttpHeader.X_FORWARDED_PROTO),
                headers.getValuesList(HttpHeader.X_FORWARDED_HOST))
            .clientAddress();
    AccessLog.log(
        new AccessLog.Entry(
            request.getMethod(),
            path,
            error.status(),
            (System.nanoTime() - start) / 1e6,
            body.length,
            requestId,
            client,
            headers.get(HttpHeader.USER_AGENT),
            null));
    metrics.recordRequest(
        request.getMethod(), null, error.status(), null, System.nanoTime() - start);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
