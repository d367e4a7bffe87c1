package io.filesight.adapter.http;

import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.application.port.out.StoreRetiredException;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.domain.AccessDeniedException;
import io.filesight.domain.InvalidFileHashException;
import io.filesight.domain.InvalidPageException;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place where failures become HTTP statuses and Defender error bodies: domain and
 * application exceptions, Javalin's own 404/405, and what Jetty answers before Javalin runs.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/common-errors">Defender API
 *     common errors</a>
 */
final class DefenderErrors {
  /** Longest part of a rejected id echoed in a message; the rest is cut, not reflected. */
  static final int MAX_ECHOED_ID = 128;

  static final String WWW_AUTHENTICATE = "Bearer error=\"invalid_token\"";

  /**
   * When a caller may try again after the store failed to answer: about the time a connection is
   * waited for, and the time a database needs to come back from a restart.
   */
  static final long STORE_RETRY_AFTER_SECONDS = 5;

  /**
   * When a caller turned away by an overloaded server may try again: soon enough for a burst to
   * pass, late enough that callers retrying at once do not keep the server overloaded.
   */
  static final long OVERLOAD_RETRY_AFTER_SECONDS = 2;

  private final String ratePolicy;

  /**
   * @param quota the quota advertised on a rejection that does not carry the one that rejected it
   */
  DefenderErrors(RateQuota quota) {
    this.ratePolicy = policyHeader(Objects.requireNonNull(quota, "quota"));
  }

  /** The {@code RateLimit-Policy} value for this quota, e.g. {@code 100;w=60, 1500;w=3600}. */
  String ratePolicy() {
    return ratePolicy;
  }

  /** The policy that rejected {@code e}: the quota in force, which an operator may have set. */
  private String ratePolicy(QuotaExceededException e) {
    return e.quota().map(DefenderErrors::policyHeader).orElse(ratePolicy);
  }

  /** The answer for anything thrown while handling a request. */
  DefenderError answer(Throwable failure) {
    if (failure instanceof UnauthenticatedException
        || failure instanceof DuplicateAuthorizationException) {
      return new DefenderError(
          401,
          "Unauthorized",
          "Authorization has been denied for this request: a valid bearer token is required",
          Map.of("WWW-Authenticate", WWW_AUTHENTICATE));
    }
    if (failure instanceof QuotaExceededException) {
      return tooManyRequests((QuotaExceededException) failure);
    }
    if (failure instanceof AccessDeniedException) {
      return new DefenderError(403, "Forbidden", failure.getMessage());
    }
    if (failure instanceof InvalidFileHashException) {
      String value = ((InvalidFileHashException) failure).value();
      return new DefenderError(
          400, "InvalidHashValue", "Hash value " + echoable(value) + " is invalid");
    }
    if (failure instanceof MalformedPathException) {
      return new DefenderError(400, "BadRequest", failure.getMessage());
    }
    if (failure instanceof InvalidPageException
        || failure instanceof UnsupportedQueryOptionException) {
      return new DefenderError(400, "ODataError", failure.getMessage());
    }
    if (failure instanceof FileNotSeenException) {
      return new DefenderError(404, "NotFound", failure.getMessage());
    }
    if (failure instanceof HttpResponseException) {
      return javalinResponse((HttpResponseException) failure);
    }
    if (failure instanceof StoreUnavailableException) {
      return new DefenderError(
          503,
          "ServiceUnavailable",
          storeMessage((StoreUnavailableException) failure),
          Map.of("Retry-After", Long.toString(STORE_RETRY_AFTER_SECONDS)));
    }
    return forStatus(500);
  }

  /** What a caller is told about a store it cannot use; never the store's path. */
  private static String storeMessage(StoreUnavailableException failure) {
    if (failure instanceof StoreRetiredException) {
      if (!((StoreRetiredException) failure).damaged()) {
        return "The service's data file was replaced or deleted while serving; a restart of the"
            + " service serves the new file";
      }
      return "The service's data is damaged; it answers again once the data is repaired or"
          + " replaced and the service restarted";
    }
    return "The service cannot reach its data right now; retry later";
  }

  /**
   * The answer for what Jetty rejects before any handler runs, from its status and reason, and for
   * what {@link LoadShedder} sheds. A request line's version is told apart by {@link
   * ProtocolVersionParser}: malformed is 400, well-formed but not HTTP/1.x is 505.
   */
  DefenderError forJettyRejection(int status, String reason) {
    if (status == 503 && LoadShedder.OVERLOADED.equals(reason)) {
      return new DefenderError(
          503,
          "ServiceUnavailable",
          "The service is overloaded; retry later",
          Map.of("Retry-After", Long.toString(OVERLOAD_RETRY_AFTER_SECONDS)));
    }
    if (status == 400 && ProtocolVersionParser.MALFORMED_VERSION.equals(reason)) {
      return new DefenderError(
          400, "BadRequest", "The request line's protocol version is malformed; send HTTP/1.1");
    }
    return forStatus(status);
  }

  /** The answer for a bare status, such as Jetty's own 400, 414 and 431 or a shutdown's 503. */
  DefenderError forStatus(int status) {
    switch (status) {
      case 400:
        return new DefenderError(400, "BadRequest", "The request is malformed");
      case 404:
        return new DefenderError(404, "NotFound", "The requested resource was not found");
      case 405:
        return new DefenderError(405, "MethodNotAllowed", "The method is not allowed here");
      case 408:
        return new DefenderError(408, "RequestTimeout", "The request took too long to arrive");
      case 413:
        return new DefenderError(413, "PayloadTooLarge", "The request body is too large");
      case 414:
        return new DefenderError(414, "UriTooLong", "The request URI is too long");
      case 431:
        return new DefenderError(
            431, "RequestHeaderFieldsTooLarge", "The request headers are too large");
      case 503:
        return new DefenderError(
            503, "ServiceUnavailable", "The service is unavailable, retry later");
      case 505:
        return new DefenderError(
            505, "HttpVersionNotSupported", "The HTTP version is not supported; send HTTP/1.1");
      default:
        if (status >= 400 && status < 500) {
          return new DefenderError(status, "BadRequest", "The request cannot be served");
        }
        return new DefenderError(
            500, "InternalServerError", "An unexpected error occurred; quote the target id");
    }
  }

  private DefenderError tooManyRequests(QuotaExceededException e) {
    QuotaDecision.Rejected rejection = e.rejection();
    long retryAfter = rejection.retryAfterSeconds();
    RateLimit limit = rejection.limit();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", Long.toString(retryAfter));
    headers.put("RateLimit-Policy", ratePolicy(e));
    headers.put("RateLimit", "limit=" + limit.calls() + ", remaining=0, reset=" + retryAfter);
    return new DefenderError(429, "TooManyRequests", e.getMessage(), headers);
  }

  private DefenderError javalinResponse(HttpResponseException e) {
    if (e.getStatus() == 405) {
      String allowed = e.getDetails().values().stream().findFirst().orElse("GET");
      return new DefenderError(
          405,
          "MethodNotAllowed",
          "The method is not allowed here; allowed: " + allowed,
          Map.of("Allow", allowed));
    }
    return forStatus(e.getStatus());
  }

  /** Cuts an overlong value so that a client cannot make the answer reflect megabytes. */
  static String echoable(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= MAX_ECHOED_ID ? value : value.substring(0, MAX_ECHOED_ID) + "...";
  }

  private static String policyHeader(RateQuota quota) {
    return quota.limits().stream()
        .map(limit -> limit.calls() + ";w=" + limit.windowSeconds())
        .collect(Collectors.joining(", "));
  }
}
