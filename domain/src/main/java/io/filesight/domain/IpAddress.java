package io.filesight.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One network interface address of a machine, as in Defender's {@code ipAddresses}. {@code type}
 * (e.g. Ethernet) and {@code operationalStatus} (e.g. Up, Down) are open sets in real exports, so
 * they stay text.
 */
public record IpAddress(
    String ipAddress, String macAddress, String type, String operationalStatus) {
  /** Defender's keys of an address, in order: {@link #values()} and {@link #of} follow them. */
  public static final List<String> KEYS =
      List.of("ipAddress", "macAddress", "type", "operationalStatus");

  public IpAddress {
    Objects.requireNonNull(ipAddress, "ipAddress");
  }

  /** The address from its values in the order of {@link #KEYS}. */
  public static IpAddress of(List<String> values) {
    return new IpAddress(values.get(0), values.get(1), values.get(2), values.get(3));
  }

  /** The values in the order of {@link #KEYS}, nulls included. */
  public List<String> values() {
    return Arrays.asList(ipAddress, macAddress, type, operationalStatus);
  }
}
