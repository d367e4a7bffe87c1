package io.filesight.adapter.http;

import io.filesight.application.port.in.UnauthenticatedException;
import java.util.Locale;

/**
 * The {@code reason} label of {@code filesight_http_unauthorized_total}: a fixed word per way
 * authentication fails ({@code missing}, {@code not_bearer}, {@code empty}, {@code too_long}, or
 * for a token read and not trusted {@code malformed}, {@code unknown_key}, {@code signature},
 * {@code expired}, {@code not_yet_valid}, {@code issuer}, {@code audience}, {@code claims}).
 */
final class UnauthorizedReason {
  private UnauthorizedReason() {}

  static String of(UnauthenticatedException failure) {
    return switch (failure.reason()) {
      case MISSING_AUTHORIZATION -> "missing";
      case NOT_BEARER -> "not_bearer";
      case EMPTY_TOKEN -> "empty";
      case TOKEN_TOO_LONG -> "too_long";
      case INVALID_TOKEN ->
          failure.rejection().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("malformed");
    };
  }
}
