package io.filesight.adapter.http;

/**
 * Defender's error body: {@code {"error":{"code":"...","message":"...","target":"<request id>"}}}.
 */
record ErrorJson(Detail error) {

  static ErrorJson of(String code, String message, String target) {
    return new ErrorJson(new Detail(code, message, target));
  }

  /** The inner object, keys in Defender's order. */
  record Detail(String code, String message, String target) {}
}
