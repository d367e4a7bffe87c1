package io.filesight.cache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map for read-mostly caches, evicting by CLOCK (second chance): a read marks its entry
 * as used; a new entry in a full cache takes the place of the first entry the clock hand finds
 * unused since the hand last passed it, and the hand clears the marks it passes. Entries that are
 * read again stay; entries read once, such as those of a one-off large page, make room for them.
 * Reads take no lock and allocate nothing; writes take the cache's lock.
 *
 * <p>Shared infrastructure: the persistence adapter keeps machines in one, the HTTP adapter their
 * rendered JSON.
 */
public final class ClockCache<K, V> {
  private final int capacity;
  private final ConcurrentHashMap<K, Entry<K, V>> entries;
  private final Entry<K, V>[] clock; // guarded by this
  private int hand; // guarded by this
  private int size; // guarded by this

  private static final class Entry<K, V> {
    final K key;
    final V value;
    final int slot;
    // Written without a lock by readers; a lost or late mark only costs an early eviction.
    boolean used;

    Entry(K key, V value, int slot) {
      this.key = key;
      this.value = value;
      this.slot = slot;
    }
  }

  /** Keeps at most {@code capacity} entries; 0 keeps none. */
  @SuppressWarnings("unchecked")
  public ClockCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
    }
    this.capacity = capacity;
    this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
    this.clock = (Entry<K, V>[]) new Entry<?, ?>[capacity];
  }

  /** The value kept for {@code key}, marked as used, or null. */
  public V get(K key) {
    Entry<K, V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!entry.used) {
      entry.used = true; // written once per pass of the hand, not on every read
    }
    return entry.value;
  }

  /** Keeps {@code value} for {@code key}, replacing a kept one, evicting another when full. */
  public synchronized void put(K key, V value) {
    if (capacity == 0) {
      return;
    }
    Entry<K, V> kept = entries.get(key);
    int slot;
    if (kept != null) {
      slot = kept.slot;
    } else if (size < capacity) {
      slot = size++;
    } else {
      slot = evictOne();
    }
    Entry<K, V> fresh = new Entry<>(key, value, slot);
    clock[slot] = fresh;
    entries.put(key, fresh);
  }

  /** How many entries are kept. */
  public synchronized int size() {
    return size;
  }

  /** Frees the slot of the first entry not used since the hand last passed it. */
  private int evictOne() {
    while (true) {
      Entry<K, V> candidate = clock[hand];
      int slot = hand;
      hand = hand + 1 == capacity ? 0 : hand + 1;
      if (candidate.used) {
        candidate.used = false;
      } else {
        entries.remove(candidate.key, candidate);
        return slot;
      }
    }
  }
}
