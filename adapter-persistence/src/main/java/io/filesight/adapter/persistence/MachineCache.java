package io.filesight.adapter.persistence;

import io.filesight.domain.Machine;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Machines as read from the store, by id, for one version of the stored machines: a lookup that
 * finds its machines here reads one column a machine instead of 32 and parses no JSON. Bounded:
 * when full, arbitrary entries make room (random replacement: no lock on reads, and no worse than
 * LRU when lookups pick files at random). A new version of the stored machines empties it.
 */
final class MachineCache {
  private final int capacity;
  private volatile Generation current = new Generation(-1);

  /** {@code capacity} machines at most; 0 keeps none. */
  MachineCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * The machines cached for {@code version} of the store; read the version before the machines, so
   * a machine read after it is never older than the version it is cached under.
   */
  Generation at(long version) {
    Generation known = current;
    if (known.version == version) {
      return known;
    }
    Generation fresh = new Generation(version);
    // Versions only grow: never go back to an older one a slower reader saw.
    synchronized (this) {
      if (current.version < version) {
        current = fresh;
        return fresh;
      }
      return current.version == version ? current : fresh;
    }
  }

  /** The machines of one version of the store. */
  final class Generation {
    private final long version;
    private final ConcurrentHashMap<String, Machine> machines = new ConcurrentHashMap<>();
    private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();

    private Generation(long version) {
      this.version = version;
    }

    /** The machine with this id, or null when it is not cached. */
    Machine get(String id) {
      return machines.get(id);
    }

    void put(Machine machine) {
      if (capacity == 0) {
        return;
      }
      String id = machine.id().value();
      if (machines.putIfAbsent(id, machine) == null) {
        arrivals.add(id);
        while (machines.size() > capacity) {
          String oldest = arrivals.poll();
          if (oldest == null) {
            break;
          }
          machines.remove(oldest);
        }
      }
    }

    int size() {
      return machines.size();
    }
  }
}
