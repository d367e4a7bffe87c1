package io.filesight.adapter.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM certificate chain and its private key into a key store for Jetty, and checks that the
 * key belongs to the certificate. BouncyCastle only parses the PEM blocks; the JDK's own providers
 * build the key and the certificates, so no security provider is installed.
 */
public final class PemIdentity {
  static final String ALIAS = "filesight";

  /** Protects the key inside the in-memory store only; it is never written anywhere. */
  static final char[] STORE_PASSWORD = "filesight".toCharArray();

  private PemIdentity() {}

  /**
   * Checks that both files can be served together, as a server starting with them would.
   *
   * @throws InvalidTlsFilesException naming the file at fault and why
   */
  public static void check(TlsFiles files) {
    keyStore(files);
  }

  static KeyStore keyStore(TlsFiles files) {
    List<X509Certificate> chain = certificates(files.certificate());
    PrivateKey key = privateKey(files.privateKey());
    requirePair(files, chain.get(0), key);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidTlsFilesException(
          files.certificate(), files.certificate() + ": cannot be stored: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object block : blocks(file)) {
      if (block instanceof X509CertificateHolder holder) {
        try {
          chain.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw invalid(file, "a certificate cannot be read: " + e.getMessage(), e);
        }
      }
    }
    if (chain.isEmpty()) {
      throw invalid(file, "no PEM certificate (BEGIN CERTIFICATE) in it", null);
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    PrivateKeyInfo info = null;
    for (Object block : blocks(file)) {
      if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw invalid(
            file,
            "the private key is encrypted; write it unencrypted, e.g. openssl pkey -in KEY -out"
                + " PLAIN, and keep that file readable by the service user only",
            null);
      }
      if (block instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else if (block instanceof PrivateKeyInfo plain) {
        info = plain;
      }
      if (info != null) {
        break;
      }
    }
    if (info == null) {
      throw invalid(
          file, "no PEM private key (BEGIN PRIVATE KEY, RSA or EC PRIVATE KEY) in it", null);
    }
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String name;
    if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      name = "RSA";
    } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      name = "EC";
    } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      name = "Ed25519";
    } else {
      throw invalid(file, "unsupported key algorithm " + algorithm + "; use RSA or EC", null);
    }
    try {
      return KeyFactory.getInstance(name)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw invalid(file, "the " + name + " private key cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<Object> blocks(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw invalid(file, "no readable file there", null);
    }
    List<Object> blocks = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      throw invalid(file, "cannot be read as PEM: " + e.getMessage(), e);
    }
    return blocks;
  }

  /** Signs with the key and verifies with the certificate: a mismatch fails every handshake. */
  private static void requirePair(TlsFiles files, X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> "Ed25519";
        };
    byte[] probe = "filesight key pair check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw invalid(
          files.privateKey(),
          "this key does not belong to the certificate in " + files.certificate(),
          null);
    }
  }

  private static InvalidTlsFilesException invalid(Path file, String why, Throwable cause) {
    // One line: messages from the parsers may span several.
    return new InvalidTlsFilesException(
        file, file + ": " + why.replaceAll("\\s*\\R\\s*", " "), cause);
  }
}
