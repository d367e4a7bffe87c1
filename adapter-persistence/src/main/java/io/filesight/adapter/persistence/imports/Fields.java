package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.json.JsonNumber;
import io.filesight.adapter.persistence.json.Oversized;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Type-checked reads of one JSON record's members; each problem rejects the record. */
final class Fields {
  private final Map<String, Object> members;
  private final int maxChars;

  Fields(Map<String, Object> members, int maxChars) {
    this.members = members;
    this.maxChars = maxChars;
  }

  /** The members of {@code value} as an object, or a rejection naming what it was. */
  @SuppressWarnings("unchecked")
  static Fields of(Object value, String what, int maxChars) throws RecordRejectedException {
    if (value instanceof Oversized) {
      throw new RecordRejectedException(what + " is too large");
    }
    if (!(value instanceof Map)) {
      throw new RecordRejectedException(what + " must be a JSON object, found " + typeOf(value));
    }
    return new Fields((Map<String, Object>) value, maxChars);
  }

  boolean has(String key) {
    return members.get(key) != null;
  }

  String string(String key) throws RecordRejectedException {
    Object value = members.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Oversized) {
      throw new RecordRejectedException(
          key
              + " is longer than "
              + maxChars
              + " characters ("
              + ((Oversized) value).chars()
              + ")");
    }
    if (!(value instanceof String)) {
      throw new RecordRejectedException(key + " must be a string, found " + typeOf(value));
    }
    return (String) value;
  }

  String requiredString(String key) throws RecordRejectedException {
    String value = string(key);
    if (value == null || value.isEmpty()) {
      throw new RecordRejectedException("missing " + key);
    }
    return value;
  }

  boolean bool(String key) throws RecordRejectedException {
    Object value = members.get(key);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean)) {
      throw new RecordRejectedException(key + " must be true or false, found " + typeOf(value));
    }
    return (Boolean) value;
  }

  Long wholeNumber(String key) throws RecordRejectedException {
    Object value = members.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonNumber)) {
      throw new RecordRejectedException(key + " must be a number, found " + typeOf(value));
    }
    try {
      return Long.parseLong(((JsonNumber) value).text());
    } catch (NumberFormatException e) {
      throw new RecordRejectedException(
          key + " must be a whole number, found " + ((JsonNumber) value).text());
    }
  }

  Instant timestamp(String key) throws RecordRejectedException {
    String text = string(key);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text);
    } catch (RecordRejectedException e) {
      throw new RecordRejectedException(key + ": " + e.getMessage());
    }
  }

  <E> E wire(String key, Function<String, E> parser) throws RecordRejectedException {
    String text = string(key);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new RecordRejectedException(key + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  List<Object> array(String key) throws RecordRejectedException {
    Object value = members.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw new RecordRejectedException(key + " must be an array, found " + typeOf(value));
    }
    return (List<Object>) value;
  }

  List<String> strings(String key) throws RecordRejectedException {
    List<Object> items = array(key);
    for (Object item : items) {
      if (item instanceof Oversized) {
        throw new RecordRejectedException(key + " holds a string longer than " + maxChars);
      }
      if (!(item instanceof String)) {
        throw new RecordRejectedException(key + " must hold strings, found " + typeOf(item));
      }
    }
    @SuppressWarnings("unchecked")
    List<String> strings = (List<String>) (List<?>) items;
    return strings;
  }

  Fields object(String key) throws RecordRejectedException {
    Object value = members.get(key);
    return value == null ? null : of(value, key, maxChars);
  }

  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String || value instanceof Oversized) {
      return "a string";
    }
    if (value instanceof JsonNumber) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof List) {
      return "an array";
    }
    return "an object";
  }
}
