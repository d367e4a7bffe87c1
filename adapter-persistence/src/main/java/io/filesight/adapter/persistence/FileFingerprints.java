package io.filesight.adapter.persistence;

import java.util.Arrays;

/**
 * The files already staged in a chunk, as 128-bit fingerprints of (SHA-1, SHA-256, MD5, name): most
 * records repeat a file the chunk has seen with the same details, and staging it again would only
 * give the database more rows to sort. The first half of a fingerprint is the SHA-1's first 64
 * bits, and the second mixes the rest of it (digits 17 to 40) with 64 bits of the SHA-256 and MD5
 * digests and a 64-bit hash of the name, so two different files or details share one only by a
 * 64-bit coincidence. Open addressing over a long array: about 32 bytes of heap per distinct file.
 */
final class FileFingerprints {
  private static final int INITIAL_SLOTS = 1 << 12;

  private long[] table = new long[2 * INITIAL_SLOTS];
  private boolean[] used = new boolean[INITIAL_SLOTS];
  private int size;

  /** Adds the file's fingerprint; false when the chunk already had it. */
  boolean add(String sha1, String sha256, String md5, String fileName) {
    long high = hexPrefix(sha1, 0);
    long rest = hexPrefix(sha1, 16) ^ mix(hexPrefix(sha1, 24));
    long details = prefixOrMarker(sha256) ^ mix(prefixOrMarker(md5) ^ mix(hash(fileName)));
    long low = mix(rest ^ mix(details));
    if (2 * (size + 1) > used.length) {
      grow();
    }
    return insert(high, low);
  }

  /** Forgets every fingerprint, keeping the table's capacity. */
  void clear() {
    Arrays.fill(used, false);
    size = 0;
  }

  private boolean insert(long high, long low) {
    int mask = used.length - 1;
    int slot = (int) mix(high ^ low) & mask;
    while (used[slot]) {
      if (table[2 * slot] == high && table[2 * slot + 1] == low) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    table[2 * slot] = high;
    table[2 * slot + 1] = low;
    size++;
    return true;
  }

  private void grow() {
    long[] oldTable = table;
    boolean[] oldUsed = used;
    table = new long[oldTable.length * 2];
    used = new boolean[oldUsed.length * 2];
    size = 0;
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        insert(oldTable[2 * i], oldTable[2 * i + 1]);
      }
    }
  }

  /** 64 bits of a digest (hashes are random already), or a marker for none. */
  private static long prefixOrMarker(String hex) {
    return hex == null ? 0x5bd1e9955bd1e995L : hexPrefix(hex, 0);
  }

  /** 16 lowercase hex digits from {@code start} as a number; the domain checked them already. */
  private static long hexPrefix(String hex, int start) {
    long value = 0;
    for (int i = start; i < start + 16; i++) {
      char c = hex.charAt(i);
      value = (value << 4) | ((c & 0xF) + 9 * (c >> 6));
    }
    return value;
  }

  /** FNV-1a over the text's characters, with a marker so that null and "" differ. */
  private static long hash(String text) {
    if (text == null) {
      return 0x27d4eb2f165667c5L;
    }
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001B3L;
    }
    return h ^ text.length();
  }

  /** The finalizer of MurmurHash3: spreads every input bit over the output. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53a87cdL;
    return h ^ (h >>> 33);
  }
}
