package io.filesight.adapter.http;

import io.filesight.domain.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the SLF4J logger {@code io.filesight.access}: readable as text, with
 * every field also attached as a key-value pair so a JSON encoder renders it as a field. Never logs
 * the token, nor the query string.
 */
final class AccessLog {
  static final String LOGGER_NAME = "io.filesight.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final int MAX_PATH = 2048;

  private AccessLog() {}

  static void log(
      String method,
      String rawPath,
      int status,
      double durationMs,
      String requestId,
      Caller caller) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String path = printable(rawPath);
    String duration = oneDecimal(durationMs);
    String tenant = caller == null ? "-" : caller.tenantId();
    String app = caller == null ? "-" : caller.appId();
    var line =
        LOG.atInfo()
            .addKeyValue("method", method)
            .addKeyValue("path", path)
            .addKeyValue("status", status)
            .addKeyValue("durationMs", duration)
            .addKeyValue("requestId", requestId);
    if (caller != null) {
      line = line.addKeyValue("tenantId", tenant).addKeyValue("appId", app);
    }
    line.log(
        "{} {} {} {} ms request-id={} tenant={} app={}",
        method,
        path,
        status,
        duration,
        requestId,
        tenant,
        app);
  }

  /** {@code 12.3}: what {@code %.1f} writes for a duration, without a formatter per request. */
  static String oneDecimal(double value) {
    long tenths = Math.round(Math.max(0, value) * 10);
    return (tenths / 10) + "." + (tenths % 10);
  }

  /** Keeps a client-chosen path from forging log lines or flooding the log. */
  static String printable(String rawPath) {
    if (rawPath == null) {
      return "-";
    }
    int length = Math.min(rawPath.length(), MAX_PATH);
    StringBuilder out = new StringBuilder(length + 3);
    for (int i = 0; i < length; i++) {
      char c = rawPath.charAt(i);
      out.append(c < 0x20 || c >= 0x7f ? '?' : c);
    }
    if (rawPath.length() > MAX_PATH) {
      out.append("...");
    }
    return out.toString();
  }
}
