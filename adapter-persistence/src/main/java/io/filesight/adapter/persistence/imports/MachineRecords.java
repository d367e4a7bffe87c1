package io.filesight.adapter.persistence.imports;

import io.filesight.domain.DeviceValue;
import io.filesight.domain.ExposureLevel;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.InvalidMachineIdException;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.OnboardingStatus;
import io.filesight.domain.OsArchitecture;
import io.filesight.domain.RiskScore;
import io.filesight.domain.VmMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a Defender machine entity (a JSON object) to a {@link Machine}; unknown keys are ignored.
 */
final class MachineRecords {
  private MachineRecords() {}

  static Machine from(Object value, int maxChars) throws RecordRejectedException {
    Fields f = Fields.of(value, "a machine", maxChars);
    try {
      Long rbacGroupId = f.wholeNumber("rbacGroupId");
      return Machine.builder(machineId(f.requiredString("id"), "id"))
          .mergedIntoMachineId(optionalMachineId(f.string("mergedIntoMachineId")))
          .isPotentialDuplication(f.bool("isPotentialDuplication"))
          .isExcluded(f.bool("isExcluded"))
          .exclusionReason(f.string("exclusionReason"))
          .computerDnsName(f.string("computerDnsName"))
          .firstSeen(f.timestamp("firstSeen"))
          .lastSeen(f.timestamp("lastSeen"))
          .osPlatform(f.string("osPlatform"))
          .osVersion(f.string("osVersion"))
          .osProcessor(f.string("osProcessor"))
          .version(f.string("version"))
          .lastIpAddress(f.string("lastIpAddress"))
          .lastExternalIpAddress(f.string("lastExternalIpAddress"))
          .agentVersion(f.string("agentVersion"))
          .osBuild(f.wholeNumber("osBuild"))
          .healthStatus(f.wire("healthStatus", HealthStatus::fromWireName))
          .deviceValue(f.wire("deviceValue", DeviceValue::fromWireName))
          .rbacGroupId(rbacGroupId == null ? 0 : rbacGroupId)
          .rbacGroupName(f.string("rbacGroupName"))
          .riskScore(f.wire("riskScore", RiskScore::fromWireName))
          .exposureLevel(f.wire("exposureLevel", ExposureLevel::fromWireName))
          .isAadJoined(f.bool("isAadJoined"))
          .aadDeviceId(f.string("aadDeviceId"))
          .machineTags(f.strings("machineTags"))
          .defenderAvStatus(f.string("defenderAvStatus"))
          .onboardingStatus(f.wire("onboardingStatus", OnboardingStatus::fromWireName))
          .osArchitecture(f.wire("osArchitecture", OsArchitecture::fromWireName))
          .managedBy(f.string("managedBy"))
          .managedByStatus(f.string("managedByStatus"))
          .ipAddresses(ipAddresses(f, maxChars))
          .vmMetadata(vmMetadata(f.object("vmMetadata")))
          .build();
    } catch (IllegalArgumentException e) {
      // The entity's own invariants (e.g. lastSeen before firstSeen, negative group id).
      throw new RecordRejectedException(e.getMessage());
    }
  }

  private static List<IpAddress> ipAddresses(Fields f, int maxChars)
      throws RecordRejectedException {
    List<IpAddress> addresses = new ArrayList<>();
    for (Object item : f.array("ipAddresses")) {
      Fields address = Fields.of(item, "an ipAddresses item", maxChars);
      addresses.add(
          new IpAddress(
              address.requiredString("ipAddress"),
              address.string("macAddress"),
              address.string("type"),
              address.string("operationalStatus")));
    }
    return addresses;
  }

  private static VmMetadata vmMetadata(Fields vm) throws RecordRejectedException {
    if (vm == null) {
      return null;
    }
    return new VmMetadata(
        vm.string("vmId"),
        vm.string("cloudProvider"),
        vm.string("resourceId"),
        vm.string("subscriptionId"));
  }

  static MachineId machineId(String text, String key) throws RecordRejectedException {
    try {
      return MachineId.of(text);
    } catch (InvalidMachineIdException e) {
      throw new RecordRejectedException(
          key + " '" + text + "' is not a machine id (40 hex digits)");
    }
  }

  private static MachineId optionalMachineId(String text) throws RecordRejectedException {
    return text == null || text.isEmpty() ? null : machineId(text, "mergedIntoMachineId");
  }
}
