package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.filesight.application.port.out.AccessTokenVerifier;
import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.application.port.out.KeysUnavailableException;
import io.filesight.domain.Caller;
import io.filesight.domain.TokenRejection;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Secondary adapter: verifies Azure AD style RS256 access tokens against a trusted key set and
 * reads the {@link Caller} they carry. Only keys from the configured {@link JwksSource} are used;
 * keys a token offers in its header ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) are
 * refused, as are {@code alg=none}, every other algorithm and encrypted or nested tokens.
 *
 * @see <a href="https://learn.microsoft.com/entra/identity-platform/access-tokens">Access tokens:
 *     validation</a>
 */
public final class NimbusAccessTokenVerifier implements AccessTokenVerifier {
  /** Most verified tokens remembered at once. */
  public static final int VERIFIED_TOKEN_CAPACITY = 10_000;

  private static final String RS256 = "RS256";
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final List<String> KEYS_OFFERED_IN_HEADER = List.of("jku", "jwk", "x5u", "x5c");

  private final TokenSettings settings;
  private final Clock clock;
  private final SigningKeys keys;
  private final VerifiedTokens verified = new VerifiedTokens(VERIFIED_TOKEN_CAPACITY);
  private final AtomicLong signatureChecks = new AtomicLong();

  public NimbusAccessTokenVerifier(TokenSettings settings) {
    this(settings, Clock.systemUTC());
  }

  public NimbusAccessTokenVerifier(TokenSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keys = new SigningKeys(settings.keys(), clock);
  }

  @Override
  public Caller verify(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException(TokenRejection.MALFORMED, "empty token");
    }
    Instant now = clock.instant();
    String digest = VerifiedTokens.digest(token);
    Caller known = verified.get(digest, now);
    if (known != null) {
      return known;
    }
    SignedJWT jws = parse(token);
    checkHeader(jws.getHeader());
    checkSignature(jws);
    JWTClaimsSet claims = claims(jws);
    Instant validUntil = checkClaims(claims, now);
    Caller caller = CallerClaims.toCaller(claims, settings.tenantId());
    verified.put(digest, caller, validUntil, now);
    return caller;
  }

  /**
   * Passes when at least one signing key is loaded; while none is, reads the key set if a read is
   * due (at most once per {@link JwksSource#refreshInterval()}).
   *
   * @throws IllegalStateException naming the problem otherwise
   */
  public void requireSigningKeys() {
    keys.requireLoaded();
  }

  /**
   * Reads the key set until a signing key is loaded, retrying with a pause that doubles up to
   * {@link JwksSource#refreshInterval()}, for at most {@code bound} (a single attempt when zero).
   * Each failed read is logged; until one succeeds every token is refused as unverifiable.
   *
   * @throws IllegalStateException naming the last problem when no key was loaded within {@code
   *     bound}
   */
  public void awaitSigningKeys(Duration bound) {
    Objects.requireNonNull(bound, "bound");
    keys.awaitLoaded(bound);
  }

  /** The trusted key source, for reports. */
  public JwksSource keySource() {
    return settings.keys();
  }

  /** Reads of the key set that failed since the start (each is logged with its cause). */
  public long keyReadFailures() {
    return keys.failedLoads();
  }

  long signatureChecks() {
    return signatureChecks.get();
  }

  long keyLoads() {
    return keys.loads();
  }

  private static SignedJWT parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length == 5) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "encrypted (JWE) tokens are not accepted");
    }
    if (parts.length != 3) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "not a compact JWS: " + parts.length + " parts");
    }
    for (String part : parts) {
      if (!BASE64URL.matcher(part).matches()) {
        throw new InvalidTokenException(
            TokenRejection.MALFORMED, "a token part is empty or not unpadded base64url");
      }
    }
    // The algorithm is checked on the raw header, before any library interprets it.
    Object alg = rawHeader(parts[0]).get("alg");
    if (!RS256.equals(alg)) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "alg " + alg + " is not accepted, only RS256");
    }
    try {
      return new SignedJWT(
          new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
    } catch (ParseException e) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "unparseable token: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> rawHeader(String part) {
    try {
      return JSONObjectUtils.parse(new Base64URL(part).decodeToString());
    } catch (ParseException e) {
      throw new InvalidTokenException(TokenRejection.MALFORMED, "header is not a JSON object", e);
    }
  }

  private static void checkHeader(JWSHeader header) {
    for (String offered : KEYS_OFFERED_IN_HEADER) {
      if (header.getIncludedParams().contains(offered)) {
        throw new InvalidTokenException(
            TokenRejection.MALFORMED, "header offers a key (" + offered + "); it is never used");
      }
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "unknown critical header " + header.getCriticalParams());
    }
    if (header.getContentType() != null) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "nested token (cty " + header.getContentType() + ")");
    }
    JOSEObjectType type = header.getType();
    if (type != null && !type.getType().equalsIgnoreCase("JWT")) {
      throw new InvalidTokenException(TokenRejection.MALFORMED, "typ " + type + " is not JWT");
    }
    if (header.getKeyID() == null) {
      throw new InvalidTokenException(TokenRejection.MALFORMED, "header names no key (kid)");
    }
  }

  private void checkSignature(SignedJWT jws) {
    String kid = jws.getHeader().getKeyID();
    Optional<RSASSAVerifier> verifier = keys.verifierFor(kid);
    if (verifier.isEmpty()) {
      if (!keys.loaded()) {
        throw new KeysUnavailableException(
            "no signing key is loaded yet from "
                + keys.source()
                + "; tokens are judged once it is");
      }
      throw new InvalidTokenException(TokenRejection.UNKNOWN_KEY, "unknown signing key kid " + kid);
    }
    signatureChecks.incrementAndGet();
    try {
      if (!jws.verify(verifier.get())) {
        throw new InvalidTokenException(
            TokenRejection.SIGNATURE, "signature does not verify with key " + kid);
      }
    } catch (JOSEException e) {
      throw new InvalidTokenException(
          TokenRejection.SIGNATURE, "signature check failed: " + e.getMessage(), e);
    }
  }

  private static JWTClaimsSet claims(SignedJWT jws) {
    try {
      return jws.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidTokenException(
          TokenRejection.MALFORMED, "payload is not a JSON claims set", e);
    }
  }

  /** Checks lifetime, tenant, issuer and audience; returns until when the token stays valid. */
  private Instant checkClaims(JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new InvalidTokenException(TokenRejection.CLAIMS, "token has no expiry (exp)");
    }
    Instant validUntil = exp.toInstant().plus(settings.clockSkew());
    if (now.isAfter(validUntil)) {
      throw new InvalidTokenException(
          TokenRejection.EXPIRED, "token expired at " + exp.toInstant());
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(settings.clockSkew()))) {
      throw new InvalidTokenException(
          TokenRejection.NOT_YET_VALID, "token not valid before " + nbf.toInstant());
    }
    Object tid = claims.getClaim("tid");
    if (!settings.tenantId().equals(tid)) {
      throw new InvalidTokenException(TokenRejection.ISSUER, "tenant " + tid + " is not trusted");
    }
    String issuer = claims.getIssuer();
    if (!settings.issuers().contains(issuer)) {
      throw new InvalidTokenException(
          TokenRejection.ISSUER, "issuer " + issuer + " is not trusted");
    }
    List<String> audiences = claims.getAudience();
    if (audiences.stream().noneMatch(settings.audiences()::contains)) {
      throw new InvalidTokenException(
          TokenRejection.AUDIENCE, "audience " + audiences + " is not accepted");
    }
    return validUntil;
  }
}
