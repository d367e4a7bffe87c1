package io.filesight.adapter.http;

/**
 * Extracts the file id from the raw, still percent-encoded request path. Jetty and Javalin decode
 * {@code %2F}, {@code %2e%2e}, {@code ;x=1} and {@code %0d%0a} into the path parameter, so the id
 * is taken from the raw path instead: any such character then makes it an invalid hash (400),
 * decided by the use case after authentication, quota and permission.
 */
final class FileIdSegment {
  static final String PREFIX = "/api/files/";
  static final String SUFFIX = "/machines";

  private FileIdSegment() {}

  /**
   * The id as the client wrote it.
   *
   * @param rawPath the request URI path, not decoded
   * @param decodedFallback the router's decoded path parameter, used only if the raw path does not
   *     have the route's shape (it always does for a request the route matched)
   */
  static String from(String rawPath, String decodedFallback) {
    if (rawPath != null
        && rawPath.startsWith(PREFIX)
        && rawPath.endsWith(SUFFIX)
        && rawPath.length() >= PREFIX.length() + SUFFIX.length()) {
      return rawPath.substring(PREFIX.length(), rawPath.length() - SUFFIX.length());
    }
    return decodedFallback;
  }
}
