package io.filesight.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * Development tool: a local RSA-2048 signing key for development tokens: {@code signing-key.json}
 * (the private JWK, readable by its owner only) and {@code jwks.json} (the public key set the
 * server trusts).
 */
public final class DevelopmentKeys {
  /** The private key file, readable by its owner only. */
  public static final String SIGNING_KEY_FILE = "signing-key.json";

  /** The public key set to configure with {@link JwksSource#file}. */
  public static final String JWKS_FILE = "jwks.json";

  private final Path directory;
  private final RSAKey signingKey;

  private DevelopmentKeys(Path directory, RSAKey signingKey) {
    this.directory = directory;
    this.signingKey = signingKey;
  }

  /** Creates a new key pair in {@code dir} (created if missing), replacing any previous one. */
  public static DevelopmentKeys generate(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      Files.createDirectories(dir);
      writeAtomically(dir, SIGNING_KEY_FILE, key.toJSONString(), true);
      writeAtomically(dir, JWKS_FILE, new JWKSet(key.toPublicJWK()).toString(), false);
      return new DevelopmentKeys(dir, key);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write development keys to " + dir, e);
    }
  }

  /** Loads the key pair that {@link #generate} wrote to {@code dir}. */
  public static DevelopmentKeys load(Path dir) {
    Path file = dir.resolve(SIGNING_KEY_FILE);
    try {
      RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!key.isPrivate()) {
        throw new IllegalArgumentException(file + " holds no private key");
      }
      return new DevelopmentKeys(dir, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read development key " + file, e);
    } catch (ParseException e) {
      throw new IllegalArgumentException(file + " is not an RSA JWK: " + e.getMessage(), e);
    }
  }

  /** Loads the key pair in {@code dir}, generating one first if there is none. */
  public static DevelopmentKeys loadOrGenerate(Path dir) {
    return Files.exists(dir.resolve(SIGNING_KEY_FILE)) ? load(dir) : generate(dir);
  }

  public Path directory() {
    return directory;
  }

  /** The public key set file, to trust with {@code JwksSource.file(keys.jwksFile())}. */
  public Path jwksFile() {
    return directory.resolve(JWKS_FILE);
  }

  public String keyId() {
    return signingKey.getKeyID();
  }

  RSAKey signingKey() {
    return signingKey;
  }

  private static void writeAtomically(Path dir, String name, String content, boolean secret)
      throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(
                  PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))
            }
            : new FileAttribute<?>[0];
    // Created with its final permissions, so the private key is never readable by others.
    Path temporary = Files.createTempFile(dir, "." + name, ".tmp", attributes);
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary,
          dir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
