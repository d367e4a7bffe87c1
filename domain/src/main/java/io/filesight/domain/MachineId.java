package io.filesight.domain;

import java.util.Locale;

/** Value object: a Defender machine id, 40 hex digits, normalised to lowercase. */
public record MachineId(String value) implements Comparable<MachineId> {

  public MachineId {
    if (value == null || value.length() != 40 || !Hex.isAsciiHex(value)) {
      throw new InvalidMachineIdException(value);
    }
    value = value.toLowerCase(Locale.ROOT);
  }

  public static MachineId of(String value) {
    return new MachineId(value);
  }

  @Override
  public int compareTo(MachineId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
