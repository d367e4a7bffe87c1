package io.filesight.adapter.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a connection whose request headers missed their deadline (see {@link
 * HeaderDeadlineConnectionFactory}) with a JSON 408 and closes it, logging one line and counting
 * it. No request exists yet, so the answer is written to the connection as bytes.
 */
final class LateHeaders {
  private static final Logger LOG = LoggerFactory.getLogger(LateHeaders.class);

  private final DefenderErrors errors;
  private final HttpMetrics metrics;
  private final Duration timeout;

  LateHeaders(DefenderErrors errors, HttpMetrics metrics, Duration timeout) {
    this.errors = Objects.requireNonNull(errors, "errors");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  void answer(EndPoint endPoint) {
    String requestId = RequestAttributes.newRequestId();
    LOG.info(
        "closed connection from {}: request headers incomplete after {} ms, answered 408 {}",
        endPoint.getRemoteSocketAddress(),
        timeout.toMillis(),
        requestId);
    metrics.recordHeaderTimeout();
    // Far smaller than a socket buffer, so a client that never reads cannot hold the connection
    // open; a failed write closes it too.
    endPoint.write(
        Callback.from(endPoint::close, endPoint::close), ByteBuffer.wrap(answer(requestId)));
  }

  private byte[] answer(String requestId) {
    DefenderError error = errors.forStatus(408);
    byte[] body = Json.bytes(error.body(requestId));
    StringBuilder head = new StringBuilder("HTTP/1.1 408 Request Timeout\r\n");
    ResponseHeaders.applyCommon(
        requestId, (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Type: ").append(ResponseHeaders.ODATA_JSON).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] answer = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, answer, headBytes.length, body.length);
    return answer;
  }
}
