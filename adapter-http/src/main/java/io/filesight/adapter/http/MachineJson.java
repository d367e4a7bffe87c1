package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.filesight.domain.DefenderTimestamps;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.MachineProperty;
import io.filesight.domain.VmMetadata;
import io.filesight.domain.WireValue;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a machine as Defender's machine entity, driven by {@link MachineProperty#ALL}: every key
 * in Defender's order, nulls written out, enumerations in their wire spelling, timestamps as {@link
 * DefenderTimestamps} says.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/machine">Machine resource
 *     type</a>
 */
final class MachineJson {
  // Pre-encoded names: every answer writes each of them once per machine.
  private static final SerializedString[] KEYS =
      MachineProperty.ALL.stream()
          .map(property -> new SerializedString(property.name()))
          .toArray(SerializedString[]::new);
  private static final SerializedString[] IP_ADDRESS_KEYS = encoded(IpAddress.KEYS);
  private static final SerializedString[] VM_METADATA_KEYS = encoded(VmMetadata.KEYS);

  private MachineJson() {}

  /** Writes one machine object at the generator's current position. */
  @SuppressWarnings("unchecked")
  static void write(Machine machine, JsonGenerator json) throws IOException {
    json.writeStartObject();
    for (MachineProperty<?> property : MachineProperty.ALL) {
      json.writeFieldName(KEYS[property.index()]);
      Object value = property.of(machine);
      if (value == null) {
        json.writeNull();
        continue;
      }
      switch (property.kind()) {
        case MACHINE_ID:
          json.writeString(((MachineId) value).value());
          break;
        case FLAG:
          json.writeBoolean((Boolean) value);
          break;
        case TIME:
          json.writeString(DefenderTimestamps.format((Instant) value));
          break;
        case WHOLE_NUMBER:
          json.writeNumber((Long) value);
          break;
        case CHOICE:
          json.writeString(((WireValue) value).wireName());
          break;
        case TEXTS:
          json.writeStartArray();
          for (String text : (List<String>) value) {
            json.writeString(text);
          }
          json.writeEndArray();
          break;
        case IP_ADDRESSES:
          json.writeStartArray();
          for (IpAddress address : (List<IpAddress>) value) {
            writeObject(json, IP_ADDRESS_KEYS, address.values());
          }
          json.writeEndArray();
          break;
        case VM_METADATA:
          writeObject(json, VM_METADATA_KEYS, ((VmMetadata) value).values());
          break;
        default:
          json.writeString((String) value);
      }
    }
    json.writeEndObject();
  }

  private static void writeObject(JsonGenerator json, SerializedString[] keys, List<String> values)
      throws IOException {
    json.writeStartObject();
    for (int k = 0; k < keys.length; k++) {
      json.writeFieldName(keys[k]);
      json.writeString(values.get(k));
    }
    json.writeEndObject();
  }

  private static SerializedString[] encoded(List<String> keys) {
    return keys.stream().map(SerializedString::new).toArray(SerializedString[]::new);
  }
}
