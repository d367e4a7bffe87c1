package io.filesight.adapter.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Self-signed certificates for 127.0.0.1 and localhost, written as OpenSSL writes PEM files. */
final class SelfSignedCertificates {
  /** How the private key is written. */
  enum KeyForm {
    /** {@code BEGIN PRIVATE KEY}: what {@code openssl genpkey} writes. */
    PKCS8,
    /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY}: {@code openssl genrsa}. */
    TRADITIONAL
  }

  /** One generated certificate and its key. */
  record Generated(X509Certificate certificate, KeyPair keys) {
    /** Writes both files in place, as a renewal would. */
    TlsFiles writeTo(TlsFiles files, KeyForm form) {
      write(files.certificate(), pem(certificate));
      write(files.privateKey(), form == KeyForm.PKCS8 ? pkcs8(keys) : traditional(keys));
      return files;
    }

    /** A client context that trusts this certificate only. */
    SSLContext clientContext() {
      try {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private SelfSignedCertificates() {}

  static Generated rsa(long serial) {
    return generate("RSA", 2048, "SHA256withRSA", serial, LOCAL_NAMES);
  }

  static Generated ec(long serial) {
    return generate("EC", 256, "SHA256withECDSA", serial, LOCAL_NAMES);
  }

  /** A certificate naming only {@code dnsName}, as a public CA would issue one. */
  static Generated rsaFor(String dnsName) {
    return generate(
        "RSA",
        2048,
        "SHA256withRSA",
        3,
        new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName)});
  }

  private static final GeneralName[] LOCAL_NAMES = {
    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
    new GeneralName(GeneralName.dNSName, "localhost")
  };

  static TlsFiles files(Path dir) {
    return new TlsFiles(dir.resolve("server.crt"), dir.resolve("server.key"));
  }

  private static Generated generate(
      String algorithm, int size, String signature, long serial, GeneralName[] names) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(size);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=filesight test");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(serial),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(30))),
              name,
              keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
      return new Generated(certificate, keys);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * PKCS#1 for RSA; SEC1 for EC with the curve inside, as OpenSSL writes it (BouncyCastle's writer
   * leaves the curve out of a JDK key's SEC1 form).
   */
  static String traditional(KeyPair keys) {
    if (!keys.getPrivate().getAlgorithm().equals("EC")) {
      return pem(keys);
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    BigInteger secret = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
    try {
      ECPrivateKey sec1 =
          new ECPrivateKey(256, secret, info.getPrivateKeyAlgorithm().getParameters());
      return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pkcs8(KeyPair keys) {
    try {
      return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      // Written beside and moved in, as a renewal tool does, so no reader sees half a file.
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, text);
      Files.move(
          next,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
