package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.http.SelfSignedCertificates.Generated;
import io.filesight.adapter.http.SelfSignedCertificates.KeyForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class TlsServingTest {
  @TempDir Path dir;

  private static HttpSettings loopback(Optional<TlsFiles> tls) {
    return new HttpSettings(
        "127.0.0.1",
        0,
        Optional.empty(),
        UnknownFileAnswer.NOT_FOUND,
        false,
        Duration.ofSeconds(5),
        HttpSettings.DEFAULT_RENDERED_MACHINES,
        HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
        HttpSettings.DEFAULT_HEADER_TIMEOUT,
        HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
        HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS,
        tls,
        TrustedProxies.none());
  }

  private TestServer serve(TlsFiles files) {
    return new TestServer(
        new StubFind().seen(Machines.FILE, List.of(Machines.full())), loopback(Optional.of(files)));
  }

  @Test
  void servesHttpsByIpAddressWithASelfSignedCertificate() throws Exception {
    Generated certificate = SelfSignedCertificates.rsa(1);
    TlsFiles files = certificate.writeTo(SelfSignedCertificates.files(dir), KeyForm.PKCS8);

    try (TestServer http = serve(files)) {
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "https://127.0.0.1:"
                              + http.server.port()
                              + "/api/files/"
                              + Machines.SHA1
                              + "/machines"))
                  .header("Authorization", StubAuthenticate.GOOD)
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      // The request's scheme is https, so answers link to https.
      assertThat(TestServer.json(response).get("@odata.context").asText())
          .startsWith("https://127.0.0.1:" + http.server.port() + "/api/");
    }
  }

  @Test
  void aClientReachingTheServerByIpAddressIsServedWhateverNameTheCertificateHolds()
      throws Exception {
    Generated certificate = SelfSignedCertificates.rsaFor("filesight.example.com");
    TlsFiles files = certificate.writeTo(SelfSignedCertificates.files(dir), KeyForm.PKCS8);

    try (TestServer http = serve(files);
        SSLSocket socket =
            (SSLSocket)
                certificate
                    .clientContext()
                    .getSocketFactory()
                    .createSocket("127.0.0.1", http.server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:"
                      + http.server.port()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void refusesTlsOlderThan12() throws Exception {
    Generated certificate = SelfSignedCertificates.ec(1);
    TlsFiles files = certificate.writeTo(SelfSignedCertificates.files(dir), KeyForm.PKCS8);

    try (TestServer http = serve(files)) {
      assertThat(serverSerial(certificate.clientContext(), http, "TLSv1.2"))
          .isEqualTo(BigInteger.ONE);
      assertThatThrownBy(() -> serverSerial(certificate.clientContext(), http, "TLSv1.1"))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void readsEveryKeyFormOpenSslWrites() {
    for (Generated certificate :
        List.of(SelfSignedCertificates.rsa(1), SelfSignedCertificates.ec(2))) {
      for (KeyForm form : KeyForm.values()) {
        TlsFiles files = certificate.writeTo(SelfSignedCertificates.files(dir), form);
        PemIdentity.check(files);
      }
    }
    // An EC key as 'openssl ecparam -genkey' writes it: its parameters block first.
    Generated ec = SelfSignedCertificates.ec(3);
    TlsFiles files = ec.writeTo(SelfSignedCertificates.files(dir), KeyForm.TRADITIONAL);
    SelfSignedCertificates.write(
        files.privateKey(),
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            + read(files.privateKey()));
    PemIdentity.check(files);
  }

  @Test
  void unusableFilesAreRefusedNamingTheFileAtFault() {
    TlsFiles files = SelfSignedCertificates.files(dir);
    SelfSignedCertificates.rsa(1).writeTo(files, KeyForm.PKCS8);
    Path otherKey = dir.resolve("other.key");
    SelfSignedCertificates.write(
        otherKey, SelfSignedCertificates.pkcs8(SelfSignedCertificates.rsa(2).keys()));

    assertThatThrownBy(() -> PemIdentity.check(new TlsFiles(files.certificate(), otherKey)))
        .isInstanceOf(InvalidTlsFilesException.class)
        .hasMessageContaining(otherKey.toString())
        .hasMessageContaining("does not belong to the certificate")
        .satisfies(e -> assertThat(((InvalidTlsFilesException) e).file()).isEqualTo(otherKey));
    assertThatThrownBy(
            () -> PemIdentity.check(new TlsFiles(files.privateKey(), files.privateKey())))
        .hasMessageContaining(files.privateKey() + ": no PEM certificate");
    assertThatThrownBy(
            () -> PemIdentity.check(new TlsFiles(files.certificate(), files.certificate())))
        .hasMessageContaining(files.certificate() + ": no PEM private key");
    assertThatThrownBy(
            () -> PemIdentity.check(new TlsFiles(files.certificate(), dir.resolve("missing.key"))))
        .hasMessageContaining("missing.key: no readable file there");
    Path garbage = dir.resolve("garbage.key");
    SelfSignedCertificates.write(
        garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemIdentity.check(new TlsFiles(files.certificate(), garbage)))
        .isInstanceOf(InvalidTlsFilesException.class)
        .hasMessageStartingWith(garbage.toString() + ": ");
  }

  @Test
  void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
    TlsFiles files = SelfSignedCertificates.files(dir);
    Generated first = SelfSignedCertificates.rsa(1);
    first.writeTo(files, KeyForm.PKCS8);

    try (TestServer http = serve(files)) {
      assertThat(serverSerial(first.clientContext(), http, "TLSv1.3")).isEqualTo(BigInteger.ONE);

      Generated renewed = SelfSignedCertificates.ec(2);
      renewed.writeTo(files, KeyForm.TRADITIONAL);

      assertThat(awaitSerial(renewed.clientContext(), http, BigInteger.TWO))
          .as("serial served within 30 s of the renewal")
          .isEqualTo(BigInteger.TWO);
    }
  }

  @Test
  void aBrokenRenewalIsLoggedOnceAndTheServedCertificateStays() throws Exception {
    TlsFiles files = SelfSignedCertificates.files(dir);
    Generated first = SelfSignedCertificates.rsa(1);
    first.writeTo(files, KeyForm.PKCS8);

    try (TestServer http = serve(files)) {
      // A new certificate beside the old key: not a pair.
      SelfSignedCertificates.write(
          files.certificate(),
          SelfSignedCertificates.pem(SelfSignedCertificates.rsa(7).certificate()));

      Instant deadline = Instant.now().plusSeconds(30);
      while (refusals(files).isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(refusals(files)).hasSize(1);
      assertThat(serverSerial(first.clientContext(), http, "TLSv1.3")).isEqualTo(BigInteger.ONE);
    }
  }

  @Test
  void plainHttpOnANonLoopbackAddressWarnsThatTokensTravelInClear() {
    HttpSettings everywhere = TestServer.settings();
    try (TestServer open = new TestServer(new StubFind(), everywhere);
        TestServer local = new TestServer(new StubFind(), loopback(Optional.empty()))) {
      assertThat(clearTextWarnings(open.server.port())).hasSize(1);
      assertThat(clearTextWarnings(local.server.port())).isEmpty();
    }
  }

  @Test
  void httpsOnANonLoopbackAddressDoesNotWarn() {
    Generated certificate = SelfSignedCertificates.rsa(1);
    TlsFiles files = certificate.writeTo(SelfSignedCertificates.files(dir), KeyForm.PKCS8);
    try (TestServer open = new TestServer(new StubFind(), TestServer.settings().withTls(files))) {
      assertThat(clearTextWarnings(open.server.port())).isEmpty();
    }
  }

  private static List<RecordingLogs.Event> clearTextWarnings(int port) {
    return RecordingLogs.events(
        event ->
            event.level() == Level.WARN
                && event.message().contains(":" + port + ",")
                && event.message().contains("in clear"));
  }

  private static List<RecordingLogs.Event> refusals(TlsFiles files) {
    return RecordingLogs.events(
        event ->
            event.level() == Level.WARN
                && event.message().contains("cannot be served")
                && event.message().contains(files.privateKey().toString()));
  }

  private static BigInteger awaitSerial(SSLContext context, TestServer http, BigInteger wanted)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    BigInteger seen = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        seen = serverSerial(context, http, "TLSv1.3");
        if (wanted.equals(seen)) {
          return seen;
        }
      } catch (IOException stillTheOldCertificate) {
        // The client trusts only the new certificate: the old one fails the handshake.
      }
      Thread.sleep(100);
    }
    return seen;
  }

  /** A new connection's certificate serial, over {@code protocol} only. */
  private static BigInteger serverSerial(SSLContext context, TestServer http, String protocol)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", http.server.port())) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
