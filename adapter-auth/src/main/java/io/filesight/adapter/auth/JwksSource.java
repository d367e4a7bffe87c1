package io.filesight.adapter.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the token adapter: where the trusted token signing keys (a JWKS document) come
 * from: a local file, or a URL such as {@code
 * https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys}. Either is cached and reread on
 * an unknown {@code kid} at most once per {@link #refreshInterval()}.
 */
public sealed interface JwksSource {

  /** A key source is asked again for an unknown {@code kid} no more often than this. */
  Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** How long a key URL may take to answer in full before the request gives up. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** A short description for logs and readiness reports. */
  String describe();

  /**
   * The least time between two reads asked for by callers (an unknown {@code kid}, a readiness
   * check while no key is loaded), and the longest pause between retries while none is.
   */
  default Duration refreshInterval() {
    return MIN_REFRESH_INTERVAL;
  }

  static JwksSource file(Path path) {
    return new JwksFile(path);
  }

  static JwksSource url(URI uri) {
    return new JwksUrl(uri, DEFAULT_TIMEOUT, MIN_REFRESH_INTERVAL);
  }

  static JwksSource url(URI uri, Duration timeout) {
    return new JwksUrl(uri, timeout, MIN_REFRESH_INTERVAL);
  }

  static JwksSource url(URI uri, Duration timeout, Duration refreshInterval) {
    return new JwksUrl(uri, timeout, refreshInterval);
  }

  /** The signing keys Azure AD publishes for {@code tenantId} (they sign v1 and v2 tokens). */
  static JwksSource azureAd(String tenantId) {
    if (tenantId == null || !tenantId.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("not a tenant id or domain: " + tenantId);
    }
    return url(
        URI.create("https://login.microsoftonline.com/" + tenantId + "/discovery/v2.0/keys"));
  }

  /** A JWKS document in a local file, e.g. the one {@link DevelopmentKeys} writes. */
  record JwksFile(Path path) implements JwksSource {
    public JwksFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return "file " + path;
    }
  }

  /**
   * A JWKS document served over https (plain http only on the loopback interface, for tests).
   *
   * @param timeout bound on connecting and reading the whole document
   * @param refreshInterval see {@link JwksSource#refreshInterval()}
   */
  record JwksUrl(URI uri, Duration timeout, Duration refreshInterval) implements JwksSource {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    public JwksUrl {
      Objects.requireNonNull(uri, "uri");
      requirePositive("timeout", timeout);
      requirePositive("refreshInterval", refreshInterval);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean loopback = LOOPBACK_HOSTS.contains(host);
      // Keys fetched in clear text could be swapped by anyone on the path.
      if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
        throw new IllegalArgumentException(
            "a JWKS URL must use https (http only on localhost), was " + uri);
      }
    }

    @Override
    public String describe() {
      return "url " + uri;
    }

    private static void requirePositive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
    }
  }
}
