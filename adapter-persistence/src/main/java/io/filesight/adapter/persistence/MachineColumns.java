package io.filesight.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineBuilder;
import io.filesight.domain.MachineId;
import io.filesight.domain.MachineProperty;
import io.filesight.domain.VmMetadata;
import io.filesight.domain.WireValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a {@link Machine} to the columns of the {@code machine} table and back, driven by {@link
 * MachineProperty#ALL}: a property's column is its Defender name in snake case, with {@code _ns}
 * for a time (nanoseconds since the epoch) and {@code _json} for a list or an object (a small JSON
 * text, so that one row gives the whole entity). Columns are bound and read in the table's order,
 * which {@link #NAMES} and {@link #selectList} spell out, so no column can be misplaced.
 */
final class MachineColumns {
  /** Columns whose name is not derived from the property's: a bare "version" would mislead. */
  private static final Map<String, String> RENAMED = Map.of("version", "release_version");

  /** Every column, in the order of {@link MachineProperty#ALL}. */
  static final List<String> NAMES =
      MachineProperty.ALL.stream().map(MachineColumns::column).toList();

  /** Most distinct values each property's {@link #shared} keeps. */
  static final int MAX_SHARED = 1024;

  private static final JsonFactory JSON = new JsonFactory();

  /** The first interner of an address's keys, and of the VM metadata's, after the properties'. */
  private static final int IP_ADDRESS_KEYS = MachineProperty.ALL.size();

  private static final int VM_METADATA_KEYS = IP_ADDRESS_KEYS + IpAddress.KEYS.size();

  /** One interner per property, and one per key of a nested object (addresses, VM metadata). */
  private static final List<Map<String, String>> SHARED =
      interners(VM_METADATA_KEYS + VmMetadata.KEYS.size());

  private MachineColumns() {}

  /** The column of {@code property}. */
  static String column(MachineProperty<?> property) {
    String name = RENAMED.getOrDefault(property.name(), snakeCase(property.name()));
    switch (property.kind()) {
      case TIME:
        return name + "_ns";
      case TEXTS:
      case IP_ADDRESSES:
      case VM_METADATA:
        return name + "_json";
      default:
        return name;
    }
  }

  /** {@code m.id, m.merged_into_machine_id, ...} for a select list. */
  static String selectList(String alias) {
    return alias + "." + String.join(", " + alias + ".", NAMES);
  }

  /** Binds {@code machine} to parameters {@code first .. first + NAMES.size() - 1}. */
  static int bind(PreparedStatement statement, int first, Machine machine) throws SQLException {
    int i = first;
    for (MachineProperty<?> property : MachineProperty.ALL) {
      Object value = property.of(machine);
      switch (property.kind()) {
        case MACHINE_ID:
          statement.setString(i++, value == null ? null : ((MachineId) value).value());
          break;
        case FLAG:
          statement.setBoolean(i++, (Boolean) value);
          break;
        case TIME:
          StoreWrites.setLong(statement, i++, EpochNanos.of((Instant) value));
          break;
        case WHOLE_NUMBER:
          StoreWrites.setLong(statement, i++, (Long) value);
          break;
        case CHOICE:
          statement.setString(i++, value == null ? null : ((WireValue) value).wireName());
          break;
        case TEXTS:
        case IP_ADDRESSES:
        case VM_METADATA:
          statement.setString(i++, json(property, value));
          break;
        default:
          statement.setString(i++, (String) value);
      }
    }
    return i;
  }

  /**
   * Reads the machine in the current row, whose first columns are {@link #NAMES} in order (as
   * {@link #selectList} writes them). By position: sqlite-jdbc resolves a column name with a map
   * probe, 32 times a machine.
   */
  static Machine read(ResultSet row) throws SQLException {
    MachineBuilder machine = Machine.builder(MachineId.of(row.getString(1)));
    List<MachineProperty<?>> properties = MachineProperty.ALL;
    for (int p = 1; p < properties.size(); p++) {
      MachineProperty<?> property = properties.get(p);
      int column = p + 1;
      switch (property.kind()) {
        case MACHINE_ID:
          String id = row.getString(column);
          set(machine, property, id == null ? null : MachineId.of(id));
          break;
        case FLAG:
          set(machine, property, row.getBoolean(column));
          break;
        case TIME:
          set(machine, property, EpochNanos.toInstant(getLong(row, column)));
          break;
        case WHOLE_NUMBER:
          set(machine, property, getLong(row, column));
          break;
        case CHOICE:
          String wireName = row.getString(column);
          set(machine, property, wireName == null ? null : property.choice(wireName));
          break;
        case TEXTS:
        case IP_ADDRESSES:
        case VM_METADATA:
          set(machine, property, fromJson(property, row.getString(column)));
          break;
        default:
          set(machine, property, shared(p, row.getString(column)));
      }
    }
    return machine.build();
  }

  @SuppressWarnings("unchecked")
  private static void set(MachineBuilder machine, MachineProperty<?> property, Object value) {
    machine.with((MachineProperty<Object>) property, value);
  }

  /** A list or object property as its JSON column text: never null for a list. */
  @SuppressWarnings("unchecked")
  private static String json(MachineProperty<?> property, Object value) {
    if (value == null) {
      return null;
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      switch (property.kind()) {
        case TEXTS:
          json.writeStartArray();
          for (String item : (List<String>) value) {
            json.writeString(item);
          }
          json.writeEndArray();
          break;
        case IP_ADDRESSES:
          json.writeStartArray();
          for (IpAddress address : (List<IpAddress>) value) {
            writeObject(json, IpAddress.KEYS, address.values());
          }
          json.writeEndArray();
          break;
        default:
          writeObject(json, VmMetadata.KEYS, ((VmMetadata) value).values());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeObject(JsonGenerator json, List<String> keys, List<String> values)
      throws IOException {
    json.writeStartObject();
    for (int k = 0; k < keys.size(); k++) {
      json.writeStringField(keys.get(k), values.get(k));
    }
    json.writeEndObject();
  }

  /** The value of a JSON column as the property holds it; the store wrote the text itself. */
  private static Object fromJson(MachineProperty<?> property, String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser json = JSON.createParser(text)) {
      JsonToken first = json.nextToken();
      switch (property.kind()) {
        case TEXTS:
          List<String> tags = new ArrayList<>();
          while (json.nextToken() == JsonToken.VALUE_STRING) {
            tags.add(shared(property.index(), json.getText()));
          }
          return tags;
        case IP_ADDRESSES:
          List<IpAddress> addresses = new ArrayList<>();
          while (json.nextToken() == JsonToken.START_OBJECT) {
            addresses.add(IpAddress.of(readObject(json, IpAddress.KEYS, IP_ADDRESS_KEYS)));
          }
          return addresses;
        default:
          return first == JsonToken.START_OBJECT
              ? VmMetadata.of(readObject(json, VmMetadata.KEYS, VM_METADATA_KEYS))
              : null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the " + column(property) + " column holds no valid JSON: " + text, e);
    }
  }

  /** The values of the object the parser has entered, in the order of {@code keys}. */
  private static List<String> readObject(JsonParser json, List<String> keys, int firstInterner)
      throws IOException {
    String[] values = new String[keys.size()];
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      int key = keys.indexOf(json.currentName());
      JsonToken value = json.nextToken();
      if (key >= 0 && value == JsonToken.VALUE_STRING) {
        values[key] = shared(firstInterner + key, json.getText());
      } else {
        json.skipChildren();
      }
    }
    return Arrays.asList(values);
  }

  /**
   * One instance of a repeated value (platforms, versions, group names, tags, address types), so
   * the machines a cache keeps share them: about a fifth of a machine's memory. Each property (and
   * nested key) keeps at most {@link #MAX_SHARED} distinct values and returns others as they are,
   * so a property whose values are all different (a DNS name) costs a bounded few.
   */
  static String shared(int interner, String value) {
    if (value == null) {
      return null;
    }
    Map<String, String> known = SHARED.get(interner);
    String kept = known.get(value);
    if (kept != null) {
      return kept;
    }
    if (known.size() >= MAX_SHARED) {
      return value;
    }
    kept = known.putIfAbsent(value, value);
    return kept == null ? value : kept;
  }

  private static List<Map<String, String>> interners(int count) {
    List<Map<String, String>> interners = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      interners.add(new ConcurrentHashMap<>());
    }
    return List.copyOf(interners);
  }

  /** {@code computerDnsName} as {@code computer_dns_name}. */
  private static String snakeCase(String name) {
    StringBuilder snake = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        snake.append('_').append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  private static Long getLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
