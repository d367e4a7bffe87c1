package io.filesight.adapter.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.Permission;
import io.filesight.domain.TokenRejection;
import java.text.ParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the caller out of verified Azure AD claims: {@code scp} makes a delegated caller (even when
 * {@code roles} is present too), otherwise {@code roles} makes an application caller. A delegated
 * token for a user in more groups than fit in a token names a source for them ({@code
 * _claim_names.groups}, or {@code hasgroups} in the implicit flow) instead of listing them; the
 * caller then carries that overage, and what it means for access is the domain's decision.
 *
 * @see <a
 *     href="https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference">Access
 *     token claims reference</a>
 */
final class CallerClaims {
  private CallerClaims() {}

  static Caller toCaller(JWTClaimsSet claims, String tenantId) {
    try {
      // v1 tokens name the client in appid, v2 tokens in azp.
      String appId = text(claims.getStringClaim("appid"));
      if (appId == null) {
        appId = text(claims.getStringClaim("azp"));
      }
      if (appId == null) {
        throw new InvalidTokenException(
            TokenRejection.CLAIMS, "token names no client application (appid or azp)");
      }
      if (claims.getClaim("scp") != null) {
        String scopes = claims.getStringClaim("scp");
        String userId = text(claims.getStringClaim("oid"));
        if (userId == null) {
          throw new InvalidTokenException(
              TokenRejection.CLAIMS, "delegated token names no user (oid)");
        }
        List<String> groups = claims.getStringListClaim("groups");
        return new DelegatedCaller(
            tenantId,
            appId,
            userId,
            permissions(List.of(scopes.split(" "))),
            groups == null ? Set.of() : Set.copyOf(groups),
            groupOverage(claims));
      }
      List<String> roles = claims.getStringListClaim("roles");
      return new ApplicationCaller(tenantId, appId, permissions(roles == null ? List.of() : roles));
    } catch (ParseException e) {
      throw new InvalidTokenException(
          TokenRejection.CLAIMS, "malformed claim: " + e.getMessage(), e);
    }
  }

  private static boolean groupOverage(JWTClaimsSet claims) throws ParseException {
    Map<String, Object> claimSources = claims.getJSONObjectClaim("_claim_names");
    if (claimSources != null && claimSources.containsKey("groups")) {
      return true;
    }
    Object hasGroups = claims.getClaim("hasgroups");
    return Boolean.TRUE.equals(hasGroups) || "true".equals(hasGroups);
  }

  /** Permissions we know; other scopes and roles (User.Read, ...) are dropped. */
  private static Set<Permission> permissions(Collection<String> claimValues) {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (String value : claimValues) {
      Permission.fromClaimValue(value).ifPresent(permissions::add);
    }
    return permissions;
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
