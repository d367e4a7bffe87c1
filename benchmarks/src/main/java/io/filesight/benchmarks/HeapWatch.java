package io.filesight.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap in use every 5 ms on a daemon thread and keeps the highest sample since the last
 * reset, so the hot-file benchmark can report the server's peak heap while its requests run.
 */
final class HeapWatch {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();

  HeapWatch() {
    Thread sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  void reset() {
    peak.set(used());
  }

  long peakBytes() {
    return peak.get();
  }

  long maxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  private void sample() {
    while (true) {
      peak.accumulateAndGet(used(), Math::max);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
