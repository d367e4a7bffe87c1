package io.filesight.domain;

/** Rejections by {@link AccessPolicy}: the caller is known but may not read machines. */
public abstract sealed class AccessDeniedException extends RuntimeException
    permits MissingPermissionException, MissingViewDataException, GroupOverageException {
  private static final long serialVersionUID = 1L;

  protected AccessDeniedException(String message) {
    super(message);
  }
}
