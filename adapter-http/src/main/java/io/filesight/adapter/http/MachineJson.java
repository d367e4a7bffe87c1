package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.VmMetadata;
import io.filesight.domain.WireValue;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a machine as Defender's machine entity: every key in the live service's order, nulls
 * written out, enumerations in their wire spelling, timestamps in {@link DefenderTimestamps}.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/machine">Machine resource
 *     type</a>
 */
final class MachineJson {
  /** The keys in the order they are written; a test holds them against the contract. */
  static final List<String> KEYS =
      List.of(
          "id",
          "mergedIntoMachineId",
          "isPotentialDuplication",
          "isExcluded",
          "exclusionReason",
          "computerDnsName",
          "firstSeen",
          "lastSeen",
          "osPlatform",
          "osVersion",
          "osProcessor",
          "version",
          "lastIpAddress",
          "lastExternalIpAddress",
          "agentVersion",
          "osBuild",
          "healthStatus",
          "deviceValue",
          "rbacGroupId",
          "rbacGroupName",
          "riskScore",
          "exposureLevel",
          "isAadJoined",
          "aadDeviceId",
          "machineTags",
          "defenderAvStatus",
          "onboardingStatus",
          "osArchitecture",
          "managedBy",
          "managedByStatus",
          "ipAddresses",
          "vmMetadata");

  private MachineJson() {}

  /** Writes one machine object at the generator's current position. */
  static void write(Machine m, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", m.id().value());
    json.writeStringField("mergedIntoMachineId", idOrNull(m.mergedIntoMachineId()));
    json.writeBooleanField("isPotentialDuplication", m.isPotentialDuplication());
    json.writeBooleanField("isExcluded", m.isExcluded());
    json.writeStringField("exclusionReason", m.exclusionReason());
    json.writeStringField("computerDnsName", m.computerDnsName());
    json.writeStringField("firstSeen", timestamp(m.firstSeen()));
    json.writeStringField("lastSeen", timestamp(m.lastSeen()));
    json.writeStringField("osPlatform", m.osPlatform());
    json.writeStringField("osVersion", m.osVersion());
    json.writeStringField("osProcessor", m.osProcessor());
    json.writeStringField("version", m.version());
    json.writeStringField("lastIpAddress", m.lastIpAddress());
    json.writeStringField("lastExternalIpAddress", m.lastExternalIpAddress());
    json.writeStringField("agentVersion", m.agentVersion());
    json.writeFieldName("osBuild");
    if (m.osBuild() == null) {
      json.writeNull();
    } else {
      json.writeNumber(m.osBuild());
    }
    json.writeStringField("healthStatus", wire(m.healthStatus()));
    json.writeStringField("deviceValue", wire(m.deviceValue()));
    json.writeNumberField("rbacGroupId", m.rbacGroupId());
    json.writeStringField("rbacGroupName", m.rbacGroupName());
    json.writeStringField("riskScore", wire(m.riskScore()));
    json.writeStringField("exposureLevel", wire(m.exposureLevel()));
    json.writeBooleanField("isAadJoined", m.isAadJoined());
    json.writeStringField("aadDeviceId", m.aadDeviceId());
    json.writeArrayFieldStart("machineTags");
    for (String tag : m.machineTags()) {
      json.writeString(tag);
    }
    json.writeEndArray();
    json.writeStringField("defenderAvStatus", m.defenderAvStatus());
    json.writeStringField("onboardingStatus", wire(m.onboardingStatus()));
    json.writeStringField("osArchitecture", wire(m.osArchitecture()));
    json.writeStringField("managedBy", m.managedBy());
    json.writeStringField("managedByStatus", m.managedByStatus());
    json.writeArrayFieldStart("ipAddresses");
    for (IpAddress address : m.ipAddresses()) {
      json.writeStartObject();
      json.writeStringField("ipAddress", address.ipAddress());
      json.writeStringField("macAddress", address.macAddress());
      json.writeStringField("type", address.type());
      json.writeStringField("operationalStatus", address.operationalStatus());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeFieldName("vmMetadata");
    writeVmMetadata(m.vmMetadata(), json);
    json.writeEndObject();
  }

  private static void writeVmMetadata(VmMetadata vm, JsonGenerator json) throws IOException {
    if (vm == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("vmId", vm.vmId());
    json.writeStringField("cloudProvider", vm.cloudProvider());
    json.writeStringField("resourceId", vm.resourceId());
    json.writeStringField("subscriptionId", vm.subscriptionId());
    json.writeEndObject();
  }

  private static String idOrNull(MachineId id) {
    return id == null ? null : id.value();
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : DefenderTimestamps.format(instant);
  }

  private static String wire(WireValue value) {
    return value == null ? null : value.wireName();
  }
}
