package io.filesight.adapter.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files HTTPS is served with: one certificate (followed by its intermediates, if any) and
 * its private key, unencrypted, as PKCS#8, PKCS#1 (RSA) or SEC1 (EC).
 */
public record TlsFiles(Path certificate, Path privateKey) {
  public TlsFiles {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
