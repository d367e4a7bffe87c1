package io.filesight.domain;

/** Value object: a Defender machine id, 40 hex digits, normalised to lowercase. */
public record MachineId(String value) implements Comparable<MachineId> {

  public MachineId {
    String lowercase = value != null && value.length() == 40 ? Hex.lowercaseOrNull(value) : null;
    if (lowercase == null) {
      throw new InvalidMachineIdException(value);
    }
    value = lowercase;
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
