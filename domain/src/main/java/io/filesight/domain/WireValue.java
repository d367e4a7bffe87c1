package io.filesight.domain;

/** An enumeration constant with the exact spelling Defender uses for it on the wire. */
public interface WireValue {

  String wireName();

  /** Finds the constant spelt {@code wireName}; rejects unknown spellings naming the known ones. */
  static <E extends Enum<E> & WireValue> E parse(Class<E> type, String wireName) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equals(wireName)) {
        return constant;
      }
    }
    StringBuilder known = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      known.append(known.length() == 0 ? "" : ", ").append(constant.wireName());
    }
    throw new IllegalArgumentException(
        "'" + wireName + "' is not a " + type.getSimpleName() + " (one of " + known + ")");
  }
}
