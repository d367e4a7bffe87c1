package io.filesight.domain;

/** The delegated user holds no role with the 'View Data' permission. */
public final class MissingViewDataException extends AccessDeniedException {
  private static final long serialVersionUID = 1L;

  private final transient String userId;

  public MissingViewDataException(String userId) {
    super(
        "User "
            + userId
            + " has no role with the 'View Data' (ViewData) permission; delegated permission"
            + " Machine.Read or Machine.ReadWrite and a role with ViewData are required");
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }
}
