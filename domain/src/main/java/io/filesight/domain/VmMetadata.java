package io.filesight.domain;

import java.util.Arrays;
import java.util.List;

/** Cloud virtual machine facts of a machine, as in Defender's {@code vmMetadata}. */
public record VmMetadata(
    String vmId, String cloudProvider, String resourceId, String subscriptionId) {
  /** Defender's keys, in order: {@link #values()} and {@link #of} follow them. */
  public static final List<String> KEYS =
      List.of("vmId", "cloudProvider", "resourceId", "subscriptionId");

  /** The metadata from its values in the order of {@link #KEYS}. */
  public static VmMetadata of(List<String> values) {
    return new VmMetadata(values.get(0), values.get(1), values.get(2), values.get(3));
  }

  /** The values in the order of {@link #KEYS}, nulls included. */
  public List<String> values() {
    return Arrays.asList(vmId, cloudProvider, resourceId, subscriptionId);
  }
}
