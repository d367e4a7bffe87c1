package io.filesight.adapter.http;

import java.util.Map;

/** One error answer: the status, Defender's error code and message, and extra response headers. */
record DefenderError(int status, String code, String message, Map<String, String> headers) {
  DefenderError {
    headers = Map.copyOf(headers);
  }

  DefenderError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  ErrorJson body(String requestId) {
    return ErrorJson.of(code, message, requestId);
  }
}
