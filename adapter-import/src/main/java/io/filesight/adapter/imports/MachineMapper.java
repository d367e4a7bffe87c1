package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.domain.DefenderTimestamps;
import io.filesight.domain.InvalidMachineIdException;
import io.filesight.domain.InvalidTimestampException;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineBuilder;
import io.filesight.domain.MachineId;
import io.filesight.domain.MachineProperty;
import io.filesight.domain.VmMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a Defender machine entity (a JSON object) to a {@link Machine}, driven by {@link
 * MachineProperty#ALL}: each property is read by its Defender key as its kind says; unknown keys
 * are ignored; {@code id} is required.
 */
final class MachineMapper implements JsonRecordMapper<Machine> {
  private static final Map<String, MachineProperty<?>> BY_KEY = byKey();

  private final JsonFields fields;
  private final Object[] values = new Object[MachineProperty.ALL.size()];
  private JsonParser parser;

  MachineMapper(int maxChars, int maxValues) {
    this.fields = new JsonFields(maxChars, maxValues);
  }

  @Override
  public String what() {
    return "a machine";
  }

  @Override
  public void start(JsonParser parser) {
    this.parser = parser;
    fields.start(parser);
    Arrays.fill(values, null);
  }

  @Override
  public void member(String key, JsonParser parser) throws IOException {
    MachineProperty<?> property = BY_KEY.get(key);
    if (property == null) {
      fields.skip();
      return;
    }
    values[property.index()] = read(property, key);
  }

  @Override
  public ParsedRecord<Machine> finish(long line) {
    if (fields.problem() != null) {
      return ParsedRecord.rejected(line, fields.problem());
    }
    String id = (String) values[MachineProperty.ID.index()];
    if (id == null || id.isEmpty()) {
      return ParsedRecord.rejected(line, "missing id");
    }
    try {
      MachineBuilder machine = Machine.builder(machineId(id, "id"));
      for (MachineProperty<?> property : MachineProperty.ALL) {
        if (property != MachineProperty.ID) {
          set(machine, property, value(property));
        }
      }
      return ParsedRecord.accepted(line, machine.build());
    } catch (RecordRejectedException e) {
      return ParsedRecord.rejected(line, e.getMessage());
    } catch (IllegalArgumentException e) {
      // The entity's own invariants (e.g. lastSeen before firstSeen, a negative group id).
      return ParsedRecord.rejected(line, e.getMessage());
    }
  }

  /** The JSON value of {@code property} as read: texts stay texts until the record is complete. */
  private Object read(MachineProperty<?> property, String key) throws IOException {
    switch (property.kind()) {
      case FLAG:
        return fields.bool(key);
      case WHOLE_NUMBER:
        return fields.wholeNumber(key);
      case TEXTS:
        return fields.strings(key);
      case IP_ADDRESSES:
        return ipAddresses(key);
      case VM_METADATA:
        String[] vm = fields.object(key, VmMetadata.KEYS);
        return vm == null ? null : VmMetadata.of(Arrays.asList(vm));
      default:
        return fields.string(key);
    }
  }

  private List<IpAddress> ipAddresses(String key) throws IOException {
    List<IpAddress> addresses = new ArrayList<>();
    if (!fields.enterArray(key)) {
      return addresses;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String[] address = fields.object("an " + key + " item", IpAddress.KEYS);
      if (address == null) {
        continue;
      }
      if (address[0] == null || address[0].isEmpty()) {
        fields.reject("an " + key + " item is missing ipAddress");
      } else {
        addresses.add(IpAddress.of(Arrays.asList(address)));
      }
    }
    return addresses;
  }

  /** The property's value from what was read, parsed as its kind says. */
  private Object value(MachineProperty<?> property) throws RecordRejectedException {
    Object read = values[property.index()];
    if (!(read instanceof String text)) {
      return read;
    }
    switch (property.kind()) {
      case MACHINE_ID:
        return text.isEmpty() ? null : machineId(text, property.name());
      case TIME:
        try {
          return DefenderTimestamps.parse(text);
        } catch (InvalidTimestampException e) {
          throw new RecordRejectedException(property.name() + ": " + e.getMessage());
        }
      case CHOICE:
        try {
          return property.choice(text);
        } catch (IllegalArgumentException e) {
          throw new RecordRejectedException(property.name() + ": " + e.getMessage());
        }
      default:
        return text;
    }
  }

  static MachineId machineId(String text, String key) throws RecordRejectedException {
    try {
      return MachineId.of(text);
    } catch (InvalidMachineIdException e) {
      throw new RecordRejectedException(
          key + " '" + text + "' is not a machine id (40 hex digits)");
    }
  }

  @SuppressWarnings("unchecked")
  private static void set(MachineBuilder machine, MachineProperty<?> property, Object value) {
    machine.with((MachineProperty<Object>) property, value);
  }

  private static Map<String, MachineProperty<?>> byKey() {
    Map<String, MachineProperty<?>> byKey = new HashMap<>();
    for (MachineProperty<?> property : MachineProperty.ALL) {
      byKey.put(property.name(), property);
    }
    return Map.copyOf(byKey);
  }
}
