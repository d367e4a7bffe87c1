package io.filesight.domain;

import java.util.Objects;

/**
 * One network interface address of a machine, as in Defender's {@code ipAddresses}. {@code type}
 * (e.g. Ethernet) and {@code operationalStatus} (e.g. Up, Down) are open sets in real exports, so
 * they stay text.
 */
public record IpAddress(
    String ipAddress, String macAddress, String type, String operationalStatus) {
  public IpAddress {
    Objects.requireNonNull(ipAddress, "ipAddress");
  }
}
