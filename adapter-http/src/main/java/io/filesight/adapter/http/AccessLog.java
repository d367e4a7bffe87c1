package io.filesight.adapter.http;

import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the SLF4J logger {@code io.filesight.access}, an audit trail of who asked
 * what: readable as text, with every field also attached as a key-value pair so a JSON encoder
 * renders it as a field. Never logs the token, nor the query string.
 */
final class AccessLog {
  static final String LOGGER_NAME = "io.filesight.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final int MAX_PATH = 2048;
  private static final int MAX_USER_AGENT = 256;

  private AccessLog() {}

  /** One request as the access log records it; client-written fields are sanitized here. */
  record Entry(
      String method,
      String path,
      int status,
      double durationMs,
      long bytes,
      String requestId,
      String clientAddress,
      String userAgent,
      Caller caller) {}

  static void log(Entry entry) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String path = printable(entry.path());
    double duration = tenths(entry.durationMs());
    String agent = userAgent(entry.userAgent());
    String client = entry.clientAddress() == null ? "-" : entry.clientAddress();
    Caller caller = entry.caller();
    String tenant = caller == null ? "-" : caller.tenantId();
    String app = caller == null ? "-" : caller.appId();
    String user = caller instanceof DelegatedCaller delegated ? delegated.userId() : "-";
    var line =
        LOG.atInfo()
            .addKeyValue("method", entry.method())
            .addKeyValue("path", path)
            .addKeyValue("status", entry.status())
            .addKeyValue("durationMs", duration)
            .addKeyValue("bytes", entry.bytes())
            .addKeyValue("requestId", entry.requestId())
            .addKeyValue("clientIp", client)
            .addKeyValue("userAgent", agent);
    if (caller != null) {
      line = line.addKeyValue("tenantId", tenant).addKeyValue("appId", app);
    }
    if (caller instanceof DelegatedCaller) {
      line = line.addKeyValue("oid", user);
    }
    line.log(
        "{} {} {} {} ms {} bytes client={} request-id={} tenant={} app={} oid={} agent=\"{}\"",
        entry.method(),
        path,
        entry.status(),
        oneDecimal(entry.durationMs()),
        entry.bytes(),
        client,
        entry.requestId(),
        tenant,
        app,
        user,
        agent);
  }

  /** A duration in milliseconds rounded to a tenth, a number for JSON. */
  static double tenths(double value) {
    return Math.round(Math.max(0, value) * 10) / 10.0;
  }

  /** {@code 12.3}: what {@code %.1f} writes for a duration, without a formatter per request. */
  static String oneDecimal(double value) {
    long tenths = Math.round(Math.max(0, value) * 10);
    return (tenths / 10) + "." + (tenths % 10);
  }

  /** A client-chosen user agent, printable, without quotes, and cut short. */
  static String userAgent(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "-";
    }
    String cut = raw.length() > MAX_USER_AGENT ? raw.substring(0, MAX_USER_AGENT) + "..." : raw;
    return printable(cut).replace('"', '\'');
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
