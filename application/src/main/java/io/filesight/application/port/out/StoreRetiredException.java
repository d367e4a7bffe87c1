package io.filesight.application.port.out;

/**
 * Raised by a store that this process will not use again: its file was replaced or deleted while
 * serving, or the store reported damage. Only a restart (on a repaired or new store) serves again;
 * retrying the same call in this process fails the same way.
 */
public final class StoreRetiredException extends StoreUnavailableException {
  private static final long serialVersionUID = 1L;

  private final boolean damaged;

  private StoreRetiredException(boolean damaged, String message) {
    super(message);
    this.damaged = damaged;
  }

  /** The store's file is not the one opened any more, or is gone. */
  public static StoreRetiredException replaced(String message) {
    return new StoreRetiredException(false, message);
  }

  /** The store reported corruption. */
  public static StoreRetiredException damaged(String message) {
    return new StoreRetiredException(true, message);
  }

  /** Whether the store was retired for damage rather than for a replaced or deleted file. */
  public boolean damaged() {
    return damaged;
  }
}
