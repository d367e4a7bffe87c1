package io.filesight.adapter.http;

import io.filesight.domain.Caller;
import io.javalin.http.Context;
import java.util.UUID;

/** What one request carries between the handlers: its id and, once known, its caller. */
final class RequestAttributes {
  static final String REQUEST_ID_HEADER = "request-id";
  private static final String REQUEST_ID = "filesight.requestId";
  private static final String CALLER = "filesight.caller";

  private RequestAttributes() {}

  static String newRequestId() {
    return UUID.randomUUID().toString();
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
}
