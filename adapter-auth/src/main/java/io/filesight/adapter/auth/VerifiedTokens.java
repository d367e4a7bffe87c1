package io.filesight.adapter.auth;

import io.filesight.domain.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, by SHA-256 of the token, until they expire, so a client repeating its
 * token costs a hash instead of an RSA verification. Bounded: when full, expired entries go first,
 * then arbitrary ones.
 */
final class VerifiedTokens {
  /** One digest per thread: looking the algorithm up cost as much as hashing the token. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-256", e);
            }
          });

  private final int capacity;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(Caller caller, Instant validUntil) {}

  VerifiedTokens(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** The caller of a token verified before, while {@code now} is not after its validity. */
  Caller get(String digest, Instant now) {
    Entry entry = entries.get(digest);
    if (entry == null) {
      return null;
    }
    if (now.isAfter(entry.validUntil())) {
      entries.remove(digest, entry);
      return null;
    }
    return entry.caller();
  }

  void put(String digest, Caller caller, Instant validUntil, Instant now) {
    if (entries.size() >= capacity) {
      evict(now);
    }
    entries.put(digest, new Entry(caller, validUntil));
  }

  int size() {
    return entries.size();
  }

  /** The cache key: a digest, so the cache holds no usable token. */
  static String digest(String token) {
    MessageDigest sha256 = SHA_256.get();
    return Base64.getEncoder()
        .encodeToString(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private void evict(Instant now) {
    entries.values().removeIf(entry -> now.isAfter(entry.validUntil()));
    // Still full of live tokens: drop a tenth, they will simply be verified again.
    int excess = entries.size() - capacity + Math.max(1, capacity / 10);
    Iterator<String> keys = entries.keySet().iterator();
    while (excess > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
      excess--;
    }
  }
}
