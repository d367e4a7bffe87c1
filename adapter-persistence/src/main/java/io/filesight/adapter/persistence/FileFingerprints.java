package io.filesight.adapter.persistence;

import java.util.Arrays;

/**
 * Which file records an import still has to stage. Most records repeat a file with the same
 * SHA-256, MD5 and name, either earlier in the same batch or in an earlier batch that already
 * stored them, and staging them again would only give the database more rows to sort and look up.
 *
 * <p>A file is identified by 128 bits of its SHA-1 (the first 64 bits, and a hash of the other 96)
 * and its details by a 64-bit hash, so a record is skipped wrongly only by a 64-bit coincidence.
 * Memory is bounded: the files of the current batch (24 bytes each, at most a batch's worth) and a
 * fixed cache of {@value #KNOWN_SLOTS} stored files, whose misses only cost a needless staging.
 */
public final class FileFingerprints {
  private static final int KNOWN_SLOTS = 1 << 19;
  private static final int INITIAL_SLOTS = 1 << 12;

  /** The details of a file staged with different details in one batch: stage all of them. */
  private static final long MIXED = 0x6a09e667f3bcc908L;

  /** This batch: 3 longs per slot (SHA-1 high bits, SHA-1 rest, details), open addressing. */
  private long[] batch = new long[3 * INITIAL_SLOTS];

  private boolean[] used = new boolean[INITIAL_SLOTS];
  private int size;

  /** Files stored by committed batches, one per slot: the latest to land in it wins. */
  private final long[] known = new long[3 * KNOWN_SLOTS];

  private final boolean[] knownUsed = new boolean[KNOWN_SLOTS];

  /** Whether this record's file details must be staged; records it for the batch either way. */
  public boolean stage(String sha1, String sha256, String md5, String fileName) {
    long high = hexDigits(sha1, 0);
    long rest = mix(hexDigits(sha1, 16) ^ mix(hexDigits(sha1, 24)));
    long details = mix(prefixOrMarker(sha256) ^ mix(prefixOrMarker(md5) ^ mix(hash(fileName))));
    if (2 * (size + 1) > used.length) {
      grow();
    }
    int slot = find(batch, used, high, rest);
    if (used[slot]) {
      long seen = batch[3 * slot + 2];
      if (seen == details) {
        return false;
      }
      batch[3 * slot + 2] = MIXED;
      return true;
    }
    used[slot] = true;
    batch[3 * slot] = high;
    batch[3 * slot + 1] = rest;
    batch[3 * slot + 2] = details;
    size++;
    int knownSlot = knownSlot(high, rest);
    return !(knownUsed[knownSlot]
        && known[3 * knownSlot] == high
        && known[3 * knownSlot + 1] == rest
        && known[3 * knownSlot + 2] == details);
  }

  /**
   * The batch is committed: its files are stored with the details staged for them, unless a file
   * came with different details in the batch (which of them the store kept is not known here).
   */
  public void committed() {
    for (int slot = 0; slot < used.length; slot++) {
      if (used[slot]) {
        long high = batch[3 * slot];
        long rest = batch[3 * slot + 1];
        long details = batch[3 * slot + 2];
        int knownSlot = knownSlot(high, rest);
        if (details != MIXED) {
          knownUsed[knownSlot] = true;
          known[3 * knownSlot] = high;
          known[3 * knownSlot + 1] = rest;
          known[3 * knownSlot + 2] = details;
        } else if (known[3 * knownSlot] == high && known[3 * knownSlot + 1] == rest) {
          knownUsed[knownSlot] = false;
        }
      }
    }
    forgetBatch();
  }

  /** The batch is abandoned: nothing about it is known to be stored. */
  public void forgetBatch() {
    Arrays.fill(used, false);
    size = 0;
  }

  private static int find(long[] table, boolean[] used, long high, long rest) {
    int mask = used.length - 1;
    int slot = (int) mix(high ^ rest) & mask;
    while (used[slot] && !(table[3 * slot] == high && table[3 * slot + 1] == rest)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static int knownSlot(long high, long rest) {
    return (int) mix(rest ^ high) & (KNOWN_SLOTS - 1);
  }

  private void grow() {
    long[] oldBatch = batch;
    boolean[] oldUsed = used;
    batch = new long[oldBatch.length * 2];
    used = new boolean[oldUsed.length * 2];
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        int slot = find(batch, used, oldBatch[3 * i], oldBatch[3 * i + 1]);
        used[slot] = true;
        System.arraycopy(oldBatch, 3 * i, batch, 3 * slot, 3);
      }
    }
  }

  /** 64 bits of a digest (hashes are random already), or a marker for none. */
  private static long prefixOrMarker(String hex) {
    return hex == null ? 0x5bd1e9955bd1e995L : hexDigits(hex, 0);
  }

  /** 16 lowercase hex digits from {@code start} as a number; the domain checked them already. */
  private static long hexDigits(String hex, int start) {
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
