package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.filesight.application.fake.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A trusted development key, a verifier trusting it on a hand-moved clock, and a token forge. */
final class TokenFixture {
  static final String TENANT = "8f0f3a8e-6a51-4c4e-9a44-0c1a2b3c4d5e";
  static final String APP = "0d5e7a1c-2b3a-4f4e-8d6c-9a8b7c6d5e4f";
  static final String USER = "3c2b1a09-8f7e-4d6c-5b4a-39281706f5e4";
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final DevelopmentKeys keys;
  final DevelopmentTokens tokens;
  final NimbusAccessTokenVerifier verifier;

  /** One key pair for the whole test run: RSA key generation is the slow part of a fixture. */
  private static final DevelopmentKeys SHARED_KEYS = generateShared();

  TokenFixture() {
    keys = SHARED_KEYS;
    tokens = new DevelopmentTokens(keys, clock);
    verifier =
        new NimbusAccessTokenVerifier(
            TokenSettings.of(TENANT, JwksSource.file(keys.jwksFile())), clock);
  }

  private static DevelopmentKeys generateShared() {
    try {
      Path dir = Files.createTempDirectory("filesight-test-keys");
      dir.toFile().deleteOnExit();
      DevelopmentKeys keys = DevelopmentKeys.generate(dir);
      keys.jwksFile().toFile().deleteOnExit();
      dir.resolve(DevelopmentKeys.SIGNING_KEY_FILE).toFile().deleteOnExit();
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RSAKey trustedKey() {
    return keys.signingKey();
  }

  String applicationToken(List<String> roles) {
    return tokens.application(TENANT, APP, roles, Duration.ofHours(1));
  }

  /** Claims of a valid application token, to change one at a time. */
  JWTClaimsSet.Builder validClaims() {
    return new JWTClaimsSet.Builder()
        .audience("https://api.securitycenter.microsoft.com")
        .issuer("https://sts.windows.net/" + TENANT + "/")
        .issueTime(Date.from(NOW))
        .notBeforeTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
        .claim("tid", TENANT)
        .claim("appid", APP)
        .claim("ver", "1.0")
        .claim("roles", List.of("Machine.Read.All"));
  }

  /** An RS256 header naming the trusted key. */
  JWSHeader.Builder validHeader() {
    return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keys.keyId());
  }

  String signTrusted(JWTClaimsSet claims) {
    return sign(validHeader().build(), claims, trustedKey());
  }

  static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
