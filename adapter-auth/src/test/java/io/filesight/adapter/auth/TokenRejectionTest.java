package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.filesight.application.port.out.InvalidTokenException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a token must fail, each asserting the reason so a removed check is noticed. */
class TokenRejectionTest {
  TokenFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new TokenFixture();
  }

  private void assertRejected(String token, String reason) {
    assertThatThrownBy(() -> fixture.verifier.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining(reason);
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void algNoneIsRejectedInAnyCasing(String alg) {
    String valid = fixture.applicationToken(List.of("Machine.Read.All"));
    String[] parts = valid.split("\\.");
    String header =
        b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + fixture.keys.keyId() + "\"}");
    assertRejected(header + "." + parts[1] + "." + parts[2], "alg " + alg + " is not accepted");
  }

  @Test
  void algNoneWithoutSignatureIsRejected() {
    String payload = fixture.validClaims().build().toPayload().toBase64URL().toString();
    assertRejected(b64("{\"alg\":\"none\"}") + "." + payload + ".", "not unpadded base64url");
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRejected() throws JOSEException {
    byte[] publicKeyBytes = fixture.trustedKey().toRSAPublicKey().getEncoded();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(fixture.keys.keyId()).build(),
            fixture.validClaims().build());
    jwt.sign(new MACSigner(publicKeyBytes));
    assertRejected(jwt.serialize(), "alg HS256 is not accepted");
  }

  @Test
  void rs256InAnotherCasingIsRejected() {
    String[] parts = fixture.applicationToken(List.of("Machine.Read.All")).split("\\.");
    String header = b64("{\"alg\":\"rs256\",\"kid\":\"" + fixture.keys.keyId() + "\"}");
    assertRejected(header + "." + parts[1] + "." + parts[2], "alg rs256 is not accepted");
  }

  @Test
  void tamperedPayloadIsRejectedEvenAfterTheOriginalWasCached() {
    String valid = fixture.applicationToken(List.of("Machine.Read.All"));
    fixture.verifier.verify(valid);
    String[] parts = valid.split("\\.");
    String escalated =
        fixture
            .validClaims()
            .claim("roles", List.of("Machine.ReadWrite.All"))
            .build()
            .toPayload()
            .toBase64URL()
            .toString();
    assertRejected(parts[0] + "." + escalated + "." + parts[2], "signature does not verify");
  }

  @Test
  void tamperedSignatureIsRejected() {
    String valid = fixture.applicationToken(List.of("Machine.Read.All"));
    int middle = valid.lastIndexOf('.') + 100;
    char flipped = valid.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = valid.substring(0, middle) + flipped + valid.substring(middle + 1);
    assertRejected(tampered, "signature does not verify");
  }

  @Test
  void unknownKidIsRejected() {
    RSAKey other = TokenFixture.newKey("not-ours");
    String token =
        TokenFixture.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-ours").build(),
            fixture.validClaims().build(),
            other);
    assertRejected(token, "unknown signing key kid not-ours");
  }

  @Test
  void tokenWithoutKidIsRejected() {
    String token =
        TokenFixture.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
            fixture.validClaims().build(),
            fixture.trustedKey());
    assertRejected(token, "names no key (kid)");
  }

  @Test
  void keyOfTheRightKidButAnotherPairIsRejected() {
    RSAKey impostor = TokenFixture.newKey(fixture.keys.keyId());
    String token =
        TokenFixture.sign(fixture.validHeader().build(), fixture.validClaims().build(), impostor);
    assertRejected(token, "signature does not verify");
  }

  @Test
  void expiredBeyondTheSkewIsRejected() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));
    fixture.clock.advance(Duration.ofHours(1).plusSeconds(61));
    assertRejected(token, "expired");
  }

  @Test
  void tokenNotYetValidBeyondTheSkewIsRejected() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .notBeforeTime(Date.from(TokenFixture.NOW.plusSeconds(61)))
                .build());
    assertRejected(token, "not valid before");
  }

  @Test
  void wrongIssuerIsRejected() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .issuer("https://sts.example.com/" + TokenFixture.TENANT + "/")
                .build());
    assertRejected(token, "issuer https://sts.example.com/");
  }

  @Test
  void issuerOfAnotherTenantIsRejectedEvenWithOurTid() {
    String token =
        fixture.signTrusted(
            fixture.validClaims().issuer("https://sts.windows.net/another-tenant/").build());
    assertRejected(token, "issuer https://sts.windows.net/another-tenant/");
  }

  @Test
  void wrongTenantIsRejected() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .claim("tid", "another-tenant")
                .issuer("https://sts.windows.net/another-tenant/")
                .build());
    assertRejected(token, "tenant another-tenant is not trusted");
  }

  @Test
  void missingTidIsRejected() {
    String token = fixture.signTrusted(fixture.validClaims().claim("tid", null).build());
    assertRejected(token, "tenant null is not trusted");
  }

  @Test
  void wrongAudienceIsRejected() {
    String token =
        fixture.signTrusted(fixture.validClaims().audience("https://graph.microsoft.com").build());
    assertRejected(token, "audience [https://graph.microsoft.com]");
  }

  @Test
  void missingExpIsRejected() {
    String token = fixture.signTrusted(fixture.validClaims().expirationTime(null).build());
    assertRejected(token, "no expiry (exp)");
  }

  @Test
  void attackerKeyEmbeddedAsJwkIsRejected() {
    RSAKey attacker = TokenFixture.newKey(fixture.keys.keyId());
    JWSHeader header = fixture.validHeader().jwk(attacker.toPublicJWK()).build();
    assertRejected(
        TokenFixture.sign(header, fixture.validClaims().build(), attacker), "offers a key (jwk)");
  }

  @Test
  void trustedSignatureWithAnEmbeddedJwkIsStillRejected() {
    JWSHeader header = fixture.validHeader().jwk(fixture.trustedKey().toPublicJWK()).build();
    assertRejected(
        TokenFixture.sign(header, fixture.validClaims().build(), fixture.trustedKey()),
        "offers a key (jwk)");
  }

  @Test
  void x5cCertificateChainInTheHeaderIsRejected() {
    JWSHeader header =
        fixture.validHeader().x509CertChain(List.of(Base64URL.encode("not a cert"))).build();
    assertRejected(
        TokenFixture.sign(header, fixture.validClaims().build(), fixture.trustedKey()),
        "offers a key (x5c)");
  }

  @Test
  void keyUrlsInTheHeaderAreNeverFetched() throws Exception {
    RSAKey attacker = TokenFixture.newKey("attacker");
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] jwks =
        ("{\"keys\":[" + attacker.toPublicJWK().toJSONString() + "]}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
      assertRejected(
          TokenFixture.sign(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").jwkURL(url).build(),
              fixture.validClaims().build(),
              attacker),
          "offers a key (jku)");
      assertRejected(
          TokenFixture.sign(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").x509CertURL(url).build(),
              fixture.validClaims().build(),
              attacker),
          "offers a key (x5u)");
      assertThat(requests).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unknownCriticalHeaderIsRejected() {
    JWSHeader header =
        fixture
            .validHeader()
            .customParam("urn:example:must-understand", true)
            .criticalParams(Set.of("urn:example:must-understand"))
            .build();
    assertRejected(
        TokenFixture.sign(header, fixture.validClaims().build(), fixture.trustedKey()),
        "unknown critical header");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "=", "+", "/", " "})
  void malformedBase64IsRejected(String bad) {
    String valid = fixture.applicationToken(List.of("Machine.Read.All"));
    int inPayload = valid.indexOf('.') + 5;
    String malformed = valid.substring(0, inPayload) + bad + valid.substring(inPayload + 1);
    assertRejected(malformed, "not unpadded base64url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a.b", "a.b.c.d", "a.b.c.d.e.f"})
  void tokensWithoutThreePartsAreRejected(String token) {
    assertRejected(token, "not a compact JWS");
  }

  @Test
  void encryptedTokenIsRejected() throws JOSEException {
    EncryptedJWT jwe =
        new EncryptedJWT(
            new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID(fixture.keys.keyId())
                .build(),
            fixture.validClaims().build());
    jwe.encrypt(new RSAEncrypter(fixture.trustedKey().toRSAPublicKey()));
    assertRejected(jwe.serialize(), "encrypted (JWE)");
  }

  @Test
  void nestedTokenIsRejected() throws JOSEException {
    String inner = fixture.applicationToken(List.of("Machine.Read.All"));
    JWSObject outer =
        new JWSObject(fixture.validHeader().contentType("JWT").build(), new Payload(inner));
    outer.sign(new RSASSASigner(fixture.trustedKey()));
    assertRejected(outer.serialize(), "nested token (cty JWT)");
  }

  @Test
  void typeOtherThanJwtIsRejected() {
    JWSHeader header = fixture.validHeader().type(new JOSEObjectType("secevent+jwt")).build();
    assertRejected(
        TokenFixture.sign(header, fixture.validClaims().build(), fixture.trustedKey()),
        "typ secevent+jwt is not JWT");
  }

  @Test
  void payloadThatIsNoClaimsSetIsRejected() throws JOSEException {
    JWSObject signed = new JWSObject(fixture.validHeader().build(), new Payload("[1,2]"));
    signed.sign(new RSASSASigner(fixture.trustedKey()));
    assertRejected(signed.serialize(), "payload is not a JSON claims set");
  }

  @Test
  void applicationTokenWithoutClientIdIsRejected() {
    String token = fixture.signTrusted(fixture.validClaims().claim("appid", null).build());
    assertRejected(token, "no client application");
  }

  @Test
  void delegatedTokenWithoutUserIsRejected() {
    String token = fixture.signTrusted(fixture.validClaims().claim("scp", "Machine.Read").build());
    assertRejected(token, "names no user (oid)");
  }

  @Test
  void rolesThatAreNotAListAreRejected() {
    String token = fixture.signTrusted(fixture.validClaims().claim("roles", 42).build());
    assertRejected(token, "malformed claim");
  }

  @Test
  void emptyTokenIsRejected() {
    assertRejected(" ", "empty token");
  }
}
