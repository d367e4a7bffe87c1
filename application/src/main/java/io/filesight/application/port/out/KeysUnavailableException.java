package io.filesight.application.port.out;

/**
 * Raised by a token verifier that holds no signing key yet (its key endpoint has not answered since
 * the start): no token can be judged, so the call meets an outage, not bad credentials. The key set
 * is a store the request needs, answered like the others (503, retry later).
 */
public final class KeysUnavailableException extends StoreUnavailableException {
  private static final long serialVersionUID = 1L;

  public KeysUnavailableException(String message) {
    super(message);
  }
}
