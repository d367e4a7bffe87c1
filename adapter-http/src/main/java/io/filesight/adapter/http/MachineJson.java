package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

  // Pre-encoded names: every answer writes each of them once per machine.
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString MERGED_INTO_MACHINE_ID =
      new SerializedString("mergedIntoMachineId");
  private static final SerializedString IS_POTENTIAL_DUPLICATION =
      new SerializedString("isPotentialDuplication");
  private static final SerializedString IS_EXCLUDED = new SerializedString("isExcluded");
  private static final SerializedString EXCLUSION_REASON = new SerializedString("exclusionReason");
  private static final SerializedString COMPUTER_DNS_NAME = new SerializedString("computerDnsName");
  private static final SerializedString FIRST_SEEN = new SerializedString("firstSeen");
  private static final SerializedString LAST_SEEN = new SerializedString("lastSeen");
  private static final SerializedString OS_PLATFORM = new SerializedString("osPlatform");
  private static final SerializedString OS_VERSION = new SerializedString("osVersion");
  private static final SerializedString OS_PROCESSOR = new SerializedString("osProcessor");
  private static final SerializedString VERSION = new SerializedString("version");
  private static final SerializedString LAST_IP_ADDRESS = new SerializedString("lastIpAddress");
  private static final SerializedString LAST_EXTERNAL_IP_ADDRESS =
      new SerializedString("lastExternalIpAddress");
  private static final SerializedString AGENT_VERSION = new SerializedString("agentVersion");
  private static final SerializedString OS_BUILD = new SerializedString("osBuild");
  private static final SerializedString HEALTH_STATUS = new SerializedString("healthStatus");
  private static final SerializedString DEVICE_VALUE = new SerializedString("deviceValue");
  private static final SerializedString RBAC_GROUP_ID = new SerializedString("rbacGroupId");
  private static final SerializedString RBAC_GROUP_NAME = new SerializedString("rbacGroupName");
  private static final SerializedString RISK_SCORE = new SerializedString("riskScore");
  private static final SerializedString EXPOSURE_LEVEL = new SerializedString("exposureLevel");
  private static final SerializedString IS_AAD_JOINED = new SerializedString("isAadJoined");
  private static final SerializedString AAD_DEVICE_ID = new SerializedString("aadDeviceId");
  private static final SerializedString MACHINE_TAGS = new SerializedString("machineTags");
  private static final SerializedString DEFENDER_AV_STATUS =
      new SerializedString("defenderAvStatus");
  private static final SerializedString ONBOARDING_STATUS =
      new SerializedString("onboardingStatus");
  private static final SerializedString OS_ARCHITECTURE = new SerializedString("osArchitecture");
  private static final SerializedString MANAGED_BY = new SerializedString("managedBy");
  private static final SerializedString MANAGED_BY_STATUS = new SerializedString("managedByStatus");
  private static final SerializedString IP_ADDRESSES = new SerializedString("ipAddresses");
  private static final SerializedString IP_ADDRESS = new SerializedString("ipAddress");
  private static final SerializedString MAC_ADDRESS = new SerializedString("macAddress");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString OPERATIONAL_STATUS =
      new SerializedString("operationalStatus");
  private static final SerializedString VM_METADATA = new SerializedString("vmMetadata");
  private static final SerializedString VM_ID = new SerializedString("vmId");
  private static final SerializedString CLOUD_PROVIDER = new SerializedString("cloudProvider");
  private static final SerializedString RESOURCE_ID = new SerializedString("resourceId");
  private static final SerializedString SUBSCRIPTION_ID = new SerializedString("subscriptionId");

  private MachineJson() {}

  /** Writes one machine object at the generator's current position. */
  static void write(Machine m, JsonGenerator json) throws IOException {
    json.writeStartObject();
    string(json, ID, m.id().value());
    string(json, MERGED_INTO_MACHINE_ID, idOrNull(m.mergedIntoMachineId()));
    json.writeFieldName(IS_POTENTIAL_DUPLICATION);
    json.writeBoolean(m.isPotentialDuplication());
    json.writeFieldName(IS_EXCLUDED);
    json.writeBoolean(m.isExcluded());
    string(json, EXCLUSION_REASON, m.exclusionReason());
    string(json, COMPUTER_DNS_NAME, m.computerDnsName());
    string(json, FIRST_SEEN, timestamp(m.firstSeen()));
    string(json, LAST_SEEN, timestamp(m.lastSeen()));
    string(json, OS_PLATFORM, m.osPlatform());
    string(json, OS_VERSION, m.osVersion());
    string(json, OS_PROCESSOR, m.osProcessor());
    string(json, VERSION, m.version());
    string(json, LAST_IP_ADDRESS, m.lastIpAddress());
    string(json, LAST_EXTERNAL_IP_ADDRESS, m.lastExternalIpAddress());
    string(json, AGENT_VERSION, m.agentVersion());
    json.writeFieldName(OS_BUILD);
    if (m.osBuild() == null) {
      json.writeNull();
    } else {
      json.writeNumber(m.osBuild());
    }
    string(json, HEALTH_STATUS, wire(m.healthStatus()));
    string(json, DEVICE_VALUE, wire(m.deviceValue()));
    json.writeFieldName(RBAC_GROUP_ID);
    json.writeNumber(m.rbacGroupId());
    string(json, RBAC_GROUP_NAME, m.rbacGroupName());
    string(json, RISK_SCORE, wire(m.riskScore()));
    string(json, EXPOSURE_LEVEL, wire(m.exposureLevel()));
    json.writeFieldName(IS_AAD_JOINED);
    json.writeBoolean(m.isAadJoined());
    string(json, AAD_DEVICE_ID, m.aadDeviceId());
    json.writeFieldName(MACHINE_TAGS);
    json.writeStartArray();
    for (String tag : m.machineTags()) {
      json.writeString(tag);
    }
    json.writeEndArray();
    string(json, DEFENDER_AV_STATUS, m.defenderAvStatus());
    string(json, ONBOARDING_STATUS, wire(m.onboardingStatus()));
    string(json, OS_ARCHITECTURE, wire(m.osArchitecture()));
    string(json, MANAGED_BY, m.managedBy());
    string(json, MANAGED_BY_STATUS, m.managedByStatus());
    json.writeFieldName(IP_ADDRESSES);
    json.writeStartArray();
    for (IpAddress address : m.ipAddresses()) {
      json.writeStartObject();
      string(json, IP_ADDRESS, address.ipAddress());
      string(json, MAC_ADDRESS, address.macAddress());
      string(json, TYPE, address.type());
      string(json, OPERATIONAL_STATUS, address.operationalStatus());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeFieldName(VM_METADATA);
    writeVmMetadata(m.vmMetadata(), json);
    json.writeEndObject();
  }

  private static void writeVmMetadata(VmMetadata vm, JsonGenerator json) throws IOException {
    if (vm == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    string(json, VM_ID, vm.vmId());
    string(json, CLOUD_PROVIDER, vm.cloudProvider());
    string(json, RESOURCE_ID, vm.resourceId());
    string(json, SUBSCRIPTION_ID, vm.subscriptionId());
    json.writeEndObject();
  }

  private static void string(JsonGenerator json, SerializedString name, String value)
      throws IOException {
    json.writeFieldName(name);
    json.writeString(value);
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
