package io.filesight.adapter.http;

/** A query option the endpoint does not support or that was given twice; names the option. */
final class UnsupportedQueryOptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String option;

  UnsupportedQueryOptionException(String option, String message) {
    super(message);
    this.option = option;
  }

  String option() {
    return option;
  }
}
