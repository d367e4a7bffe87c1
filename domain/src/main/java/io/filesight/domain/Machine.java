package io.filesight.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Entity: a machine (device) with every property of the Defender machine entity, in Defender's key
 * order. Nullable components are those Defender documents as "or null". {@link MachineProperty}
 * lists the components with the kind of value each holds, for the adapters that map them.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/machine">Machine resource
 *     type</a>
 */
public record Machine(
    MachineId id,
    MachineId mergedIntoMachineId,
    boolean isPotentialDuplication,
    boolean isExcluded,
    String exclusionReason,
    String computerDnsName,
    Instant firstSeen,
    Instant lastSeen,
    String osPlatform,
    String osVersion,
    String osProcessor,
    String version,
    String lastIpAddress,
    String lastExternalIpAddress,
    String agentVersion,
    Long osBuild,
    HealthStatus healthStatus,
    DeviceValue deviceValue,
    long rbacGroupId,
    String rbacGroupName,
    RiskScore riskScore,
    ExposureLevel exposureLevel,
    boolean isAadJoined,
    String aadDeviceId,
    List<String> machineTags,
    String defenderAvStatus,
    OnboardingStatus onboardingStatus,
    OsArchitecture osArchitecture,
    String managedBy,
    String managedByStatus,
    List<IpAddress> ipAddresses,
    VmMetadata vmMetadata) {

  public Machine {
    Objects.requireNonNull(id, "id");
    if (rbacGroupId < 0) {
      throw new IllegalArgumentException("rbacGroupId must be 0 or more, was " + rbacGroupId);
    }
    if (firstSeen != null && lastSeen != null && lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "lastSeen " + lastSeen + " is before firstSeen " + firstSeen + " for machine " + id);
    }
    machineTags = machineTags == null ? List.of() : List.copyOf(machineTags);
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
  }

  /** A builder starting from the id alone; every other property starts empty or null. */
  public static MachineBuilder builder(MachineId id) {
    return new MachineBuilder(id);
  }

  /** A builder holding this machine's properties, to derive a changed copy. */
  public MachineBuilder toBuilder() {
    return new MachineBuilder(this);
  }

  /** Whether the machine is in no machine group. */
  public boolean isUngrouped() {
    return rbacGroupId == MachineGroup.UNGROUPED_ID;
  }
}
