package io.filesight.adapter.persistence;

import io.filesight.domain.Machine;

/**
 * Machines as read from the store, by id, for one version of the stored machines: a lookup that
 * finds its machines here reads one column a machine instead of 32 and parses no JSON. Bounded, and
 * when full it keeps the machines asked for often (Caffeine's W-TinyLFU): a one-off large page,
 * such as a file seen on ten thousand machines, does not push out the machines of everyday lookups,
 * as it did when the cache only filled once. A new version of the stored machines (every write of
 * machines) starts an empty one.
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
    private final ClockCache<String, Machine> machines;

    private Generation(long version) {
      this.version = version;
      this.machines = new ClockCache<>(capacity);
    }

    /** The machine with this id, or null when it is not cached. */
    Machine get(String id) {
      return machines.get(id);
    }

    void put(Machine machine) {
      machines.put(machine.id().value(), machine);
    }

    int size() {
      return machines.size();
    }
  }
}
