package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Development tool: mints v1 access tokens shaped like Azure AD's, signed with a {@link
 * DevelopmentKeys} key, for local use and tests.
 *
 * @see <a
 *     href="https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference">Access
 *     token claims reference</a>
 */
public final class DevelopmentTokens {
  /** The audience Defender clients request tokens for. */
  public static final String AUDIENCE = "https://api.securitycenter.microsoft.com";

  private final DevelopmentKeys keys;
  private final Clock clock;
  private final String audience;

  public DevelopmentTokens(DevelopmentKeys keys) {
    this(keys, Clock.systemUTC());
  }

  public DevelopmentTokens(DevelopmentKeys keys, Clock clock) {
    this(keys, clock, AUDIENCE);
  }

  private DevelopmentTokens(DevelopmentKeys keys, Clock clock, String audience) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audience = Objects.requireNonNull(audience, "audience");
  }

  /**
   * Tokens like these with another {@code aud}, e.g. {@link TokenSettings#WINDOWS_ATP_SERVICE} as
   * Azure AD issues to connectors that request that resource.
   */
  public DevelopmentTokens forAudience(String audience) {
    return new DevelopmentTokens(keys, clock, audience);
  }

  /** An application (client credentials) token carrying {@code roles}. */
  public String application(String tenantId, String appId, List<String> roles, Duration expiresIn) {
    // An application token's oid is the service principal's object id; derive a stable one.
    String servicePrincipal = stableId("sp:" + tenantId + ":" + appId);
    JWTClaimsSet claims =
        common(tenantId, appId, expiresIn)
            .subject(servicePrincipal)
            .claim("oid", servicePrincipal)
            .claim("idtyp", "app")
            .claim("roles", List.copyOf(roles))
            .build();
    return sign(claims);
  }

  /** A delegated token: {@code appId} acting for user {@code userId} in {@code groups}. */
  public String delegated(
      String tenantId,
      String appId,
      String userId,
      List<String> scopes,
      List<String> groups,
      Duration expiresIn) {
    return sign(
        delegatedClaims(tenantId, appId, userId, scopes, expiresIn)
            .claim("groups", List.copyOf(groups))
            .build());
  }

  /**
   * A delegated token for a user in more groups than Azure AD puts in a token: instead of {@code
   * groups} it names where to read them ({@code _claim_names}, {@code _claim_sources}), as Azure AD
   * does.
   *
   * @see <a
   *     href="https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#groups-overage-claim">Groups
   *     overage claim</a>
   */
  public String delegatedOverGroupLimit(
      String tenantId, String appId, String userId, List<String> scopes, Duration expiresIn) {
    return sign(
        delegatedClaims(tenantId, appId, userId, scopes, expiresIn)
            .claim("_claim_names", Map.of("groups", "src1"))
            .claim(
                "_claim_sources",
                Map.of(
                    "src1",
                    Map.of(
                        "endpoint",
                        "https://graph.windows.net/"
                            + tenantId
                            + "/users/"
                            + userId
                            + "/getMemberObjects")))
            .build());
  }

  private JWTClaimsSet.Builder delegatedClaims(
      String tenantId, String appId, String userId, List<String> scopes, Duration expiresIn) {
    return common(tenantId, appId, expiresIn)
        .subject(stableId("sub:" + appId + ":" + userId))
        .claim("oid", userId)
        .claim("upn", userId + "@filesight.invalid")
        .claim("scp", String.join(" ", scopes));
  }

  private JWTClaimsSet.Builder common(String tenantId, String appId, Duration expiresIn) {
    if (expiresIn.isNegative() || expiresIn.isZero()) {
      throw new IllegalArgumentException("expiresIn must be positive, was " + expiresIn);
    }
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .audience(audience)
        .issuer("https://sts.windows.net/" + tenantId + "/")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(expiresIn)))
        .claim("tid", tenantId)
        .claim("appid", appId)
        .claim("appidacr", "1")
        .claim("ver", "1.0");
  }

  private String sign(JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(keys.keyId())
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(keys.signingKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with development key " + keys.keyId(), e);
    }
    return jwt.serialize();
  }

  private static String stableId(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
