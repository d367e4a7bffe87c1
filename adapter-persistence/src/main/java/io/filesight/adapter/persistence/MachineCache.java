package io.filesight.adapter.persistence;

import io.filesight.domain.Machine;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Machines as read from the store, by id, for one version of the stored machines: a lookup that
 * finds its machines here reads one column a machine instead of 32 and parses no JSON. Bounded, and
 * filled once per version: when full it takes no more machines (those are read from the store each
 * time) rather than replacing some, so a full cache makes no garbage for the collector and needs no
 * lock or bookkeeping on reads. A new version of the stored machines (every write of machines)
 * starts an empty one.
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

    private Generation(long version) {
      this.version = version;
    }

    /** The machine with this id, or null when it is not cached. */
    Machine get(String id) {
      return machines.get(id);
    }

    void put(Machine machine) {
      // Racing threads may overshoot by one machine each; the bound is about memory, not exact.
      if (machines.size() < capacity) {
        machines.putIfAbsent(machine.id().value(), machine);
      }
    }

    int size() {
      return machines.size();
    }
  }
}
