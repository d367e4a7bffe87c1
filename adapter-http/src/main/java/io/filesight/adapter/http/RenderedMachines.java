package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.cache.ClockCache;
import io.filesight.domain.Machine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Each machine's Defender JSON, rendered once and kept by machine id together with the machine it
 * was rendered from: kept bytes serve a machine equal to that one, a changed machine (a new import)
 * is rendered again and replaces its entry. The persistence adapter hands out the same instance
 * while a machine is unchanged, so the check is usually a reference comparison. Bounded: when full
 * it keeps the machines answered again ({@link ClockCache}), so the machines of a one-off large
 * page make room for those of everyday answers instead of holding the cache.
 */
final class RenderedMachines {
  private final ClockCache<String, Rendering> rendered;

  /** The JSON of one machine, and the machine it was rendered from. */
  private record Rendering(Machine machine, byte[] json) {
    boolean of(Machine other) {
      return machine == other || machine.equals(other);
    }
  }

  /** Keeps at most {@code capacity} machines' JSON; 0 renders every machine every time. */
  RenderedMachines(int capacity) {
    this.rendered = new ClockCache<>(capacity); // which refuses a negative capacity
  }

  /** The machine as Defender's JSON object, in UTF-8. Do not modify the array. */
  byte[] json(Machine machine) {
    String id = machine.id().value();
    Rendering kept = rendered.get(id);
    if (kept != null && kept.of(machine)) {
      return kept.json();
    }
    Rendering fresh = new Rendering(machine, render(machine));
    rendered.put(id, fresh);
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
