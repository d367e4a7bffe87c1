package io.filesight.adapter.http;

import io.filesight.domain.Caller;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one request carries between the handlers: its id, where it came from and, once known, its
 * caller.
 */
final class RequestAttributes {
  static final String REQUEST_ID_HEADER = "request-id";
  private static final String REQUEST_ID = "filesight.requestId";
  private static final String CALLER = "filesight.caller";
  private static final String ORIGIN = "filesight.origin";
  private static final String FAILURE = "filesight.failure";

  private RequestAttributes() {}

  /**
   * A random (version 4) UUID. Request ids need to be unique, not secret: drawn from the thread's
   * own generator rather than {@link UUID#randomUUID()}'s shared secure one, which costs a lock and
   * a system entropy read per request.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }

  static void requestId(Context ctx, String requestId) {
    ctx.attribute(REQUEST_ID, requestId);
  }

  /** The request's id; one is made if the request skipped the handler that assigns it. */
  static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    if (id == null) {
      id = newRequestId();
      requestId(ctx, id);
    }
    return id;
  }

  static void caller(Context ctx, Caller caller) {
    ctx.attribute(CALLER, caller);
  }

  /** The authenticated caller, or {@code null} before or without authentication. */
  static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  static void origin(Context ctx, TrustedProxies.ClientOrigin origin) {
    ctx.attribute(ORIGIN, origin);
  }

  /** Where the request came from, trusted proxies looked through; null before it is known. */
  static TrustedProxies.ClientOrigin origin(Context ctx) {
    return ctx.attribute(ORIGIN);
  }

  static void failure(Context ctx, Exception failure) {
    ctx.attribute(FAILURE, failure);
  }

  /** The exception the request was answered for, or {@code null} when it raised none. */
  static Exception failure(Context ctx) {
    return ctx.attribute(FAILURE);
  }
}
