package io.filesight.adapter.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Configuration of the token adapter: for {@link NimbusAccessTokenVerifier}, the one Azure AD
 * tenant trusted, the accepted audiences, where the signing keys come from, and the clock skew
 * tolerated on {@code exp}/{@code nbf}.
 */
public record TokenSettings(
    String tenantId, List<String> audiences, JwksSource keys, Duration clockSkew) {

  /**
   * The {@code aud} of a v1 token for the resource {@code
   * https://securitycenter.onmicrosoft.com/windowsatpservice}, which Cortex XSOAR and Microsoft's
   * own samples request.
   */
  public static final String WINDOWS_ATP_SERVICE =
      "https://securitycenter.onmicrosoft.com/windowsatpservice";

  /**
   * The {@code aud} of a v2 token for the Defender API: the application id of the
   * WindowsDefenderATP service principal, the same in every tenant.
   */
  public static final String WINDOWS_DEFENDER_ATP_APP_ID = "fc780465-2017-40d4-a0c5-307022471b92";

  /** The Defender for Endpoint API hosts, which clients name as the resource or scope too. */
  public static final List<String> DEFENDER_API_HOSTS =
      List.of(
          "https://api.securitycenter.microsoft.com",
          "https://api.securitycenter.windows.com",
          "https://api.security.microsoft.com");

  /** Every audience Azure AD issues for the Defender API: the hosts, then v1's and v2's. */
  public static final List<String> DEFAULT_AUDIENCES =
      Stream.concat(
              DEFENDER_API_HOSTS.stream(),
              Stream.of(WINDOWS_ATP_SERVICE, WINDOWS_DEFENDER_ATP_APP_ID))
          .toList();

  /** Azure AD's own leeway between its clocks and ours. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  public TokenSettings {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId must not be blank");
    }
    audiences = List.copyOf(Objects.requireNonNull(audiences, "audiences"));
    if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("at least one non-blank audience is required");
    }
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clockSkew, "clockSkew");
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          "clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ", was " + clockSkew);
    }
  }

  /** Settings with every Defender audience and a 60 s clock skew. */
  public static TokenSettings of(String tenantId, JwksSource keys) {
    return new TokenSettings(tenantId, DEFAULT_AUDIENCES, keys, DEFAULT_CLOCK_SKEW);
  }

  /** The issuers Azure AD uses for this tenant: v1 ({@code sts.windows.net}) and v2. */
  public List<String> issuers() {
    return List.of(
        "https://sts.windows.net/" + tenantId + "/",
        "https://login.microsoftonline.com/" + tenantId + "/v2.0");
  }
}
