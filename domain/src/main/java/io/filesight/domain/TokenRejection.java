package io.filesight.domain;

/**
 * Why a bearer token was not trusted, in kinds coarse enough to count without revealing the token:
 * operators tell an expired token from a wrongly addressed one without reading logs.
 */
public enum TokenRejection {
  /** Not a compact RS256 JWS, or a header or payload that cannot be read or is refused. */
  MALFORMED,
  /** Signed with a key the trusted key set does not hold. */
  UNKNOWN_KEY,
  /** The signature does not verify. */
  SIGNATURE,
  /** Past its expiry (beyond the allowed clock skew), or without one. */
  EXPIRED,
  /** Before its not-before time. */
  NOT_YET_VALID,
  /** Issued by an untrusted issuer or for an untrusted tenant. */
  ISSUER,
  /** Issued for another audience. */
  AUDIENCE,
  /** A claim the caller is built from is missing or malformed. */
  CLAIMS
}
