package io.filesight.adapter.persistence;

import io.filesight.cache.ClockCache;
import io.filesight.domain.Machine;

/**
 * Machines as read from the store, by id, for one version of the stored machines: a lookup that
 * finds its machines here reads one column a machine instead of 32 and parses no JSON. Bounded, and
 * when full it keeps the machines asked for again ({@link ClockCache}): the machines of a one-off
 * large page, such as a file seen on ten thousand machines, make room for those of everyday lookups
 * instead of holding the cache, as they did when it only filled once. A new version of the stored
 * machines (every write of machines) starts an empty one.
 */
final class MachineCache {
  private final int capacity;
  private volatile Generation current = new Generation(-1, 0);

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
    synchronized (this) {
      if (current.version < version) {
        current = new Generation(version, capacity);
      }
      // Versions only grow: a slower reader that saw an older version gets a generation that
      // keeps nothing, never the older one back (nor a full-size one of its own).
      return current.version == version ? current : new Generation(version, 0);
    }
  }

  /** The machines of one version of the store. */
  final class Generation {
    private final long version;
    private final ClockCache<String, Machine> machines;

    private Generation(long version, int capacity) {
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
