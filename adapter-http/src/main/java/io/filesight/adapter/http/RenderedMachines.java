package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.domain.Machine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Each machine's Defender JSON, rendered once and kept by machine id together with the machine it
 * was rendered from: kept bytes serve a machine equal to that one, a changed machine (a new import)
 * is rendered again. The persistence adapter hands out the same instance while a machine is
 * unchanged, so the check is usually a reference comparison. Bounded: when full, the machines
 * rendered first make room (first in, first out, no lock on reads).
 */
final class RenderedMachines {
  private final int capacity;
  private final ConcurrentHashMap<String, Rendering> rendered = new ConcurrentHashMap<>();
  private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();

  /** The JSON of one machine, and the machine it was rendered from. */
  private record Rendering(Machine machine, byte[] json) {
    boolean of(Machine other) {
      return machine == other || machine.equals(other);
    }
  }

  /** Keeps at most {@code capacity} machines' JSON; 0 renders every machine every time. */
  RenderedMachines(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** The machine as Defender's JSON object, in UTF-8. Do not modify the array. */
  byte[] json(Machine machine) {
    String id = machine.id().value();
    Rendering kept = rendered.get(id);
    if (kept != null && kept.of(machine)) {
      return kept.json();
    }
    Rendering fresh = new Rendering(machine, render(machine));
    if (capacity > 0) {
      if (rendered.put(id, fresh) == null) {
        arrivals.add(id);
      }
      while (rendered.size() > capacity) {
        String oldest = arrivals.poll();
        if (oldest == null) {
          break;
        }
        rendered.remove(oldest);
      }
    }
    return fresh.json();
  }

  int size() {
    return rendered.size();
  }

  private static byte[] render(Machine machine) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1536);
    try (JsonGenerator json = Json.generator(bytes)) {
      MachineJson.write(machine, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
