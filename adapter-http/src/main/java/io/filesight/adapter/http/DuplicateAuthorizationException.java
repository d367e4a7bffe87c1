package io.filesight.adapter.http;

/**
 * The request carries more than one {@code Authorization} header. Which one a server, a proxy in
 * front of it or a log reads is then a matter of implementation, so none is read; the answer is the
 * same 401 as for a missing or invalid token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-5.3">RFC 9110, section 5.3: a field
 *     that is not a list must not be repeated</a>
 */
final class DuplicateAuthorizationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DuplicateAuthorizationException() {
    super("the request carries more than one Authorization header");
  }
}
