package io.filesight.adapter.http;

import java.util.function.BiConsumer;

/** Headers every answer carries, and the content types of Defender's JSON answers. */
final class ResponseHeaders {
  /** The content type the live Defender service sends with its JSON answers. */
  static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

  static final String ODATA_VERSION = "OData-Version";
  static final String ODATA_VERSION_VALUE = "4.0";

  private ResponseHeaders() {}

  /**
   * Sets the headers every answer carries: its request id, no content sniffing (answers are JSON
   * that may echo client input) and no caching (answers depend on the caller's token).
   */
  static void applyCommon(String requestId, BiConsumer<String, String> header) {
    header.accept(RequestAttributes.REQUEST_ID_HEADER, requestId);
    header.accept("X-Content-Type-Options", "nosniff");
    header.accept("Cache-Control", "no-store");
  }
}
