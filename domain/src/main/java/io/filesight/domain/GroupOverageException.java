package io.filesight.domain;

/**
 * The delegated user's token names no usable groups because the user is in more groups than Azure
 * AD puts in a token, so neither roles nor machine groups can be matched to the user.
 *
 * @see <a
 *     href="https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#groups-overage-claim">Groups
 *     overage claim</a>
 */
public final class GroupOverageException extends AccessDeniedException {
  private static final long serialVersionUID = 1L;

  private final transient String userId;

  public GroupOverageException(String userId) {
    super(
        "The token of user "
            + userId
            + " carries a groups overage claim instead of the user's groups: the user is in more"
            + " groups than Azure AD puts in a token, so no role with 'View Data' and no machine"
            + " group can be matched. In the app registration of the API the token is issued for,"
            + " assign the user groups named in the Defender roles to the application and emit"
            + " only 'Groups assigned to the application' in the groups claim (or filter the"
            + " groups claim), so that tokens list them");
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }
}
