package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.json.JsonReader;
import io.filesight.adapter.persistence.json.JsonWriter;
import io.filesight.domain.DeviceValue;
import io.filesight.domain.ExposureLevel;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.OnboardingStatus;
import io.filesight.domain.OsArchitecture;
import io.filesight.domain.RiskScore;
import io.filesight.domain.VmMetadata;
import io.filesight.domain.WireValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Maps a {@link Machine} to the columns of the {@code machine} table and back. */
final class MachineColumns {
  /** Every column, in the order {@link #bind} binds them. */
  static final List<String> NAMES =
      List.of(
          "id",
          "merged_into_machine_id",
          "is_potential_duplication",
          "is_excluded",
          "exclusion_reason",
          "computer_dns_name",
          "first_seen_ns",
          "last_seen_ns",
          "os_platform",
          "os_version",
          "os_processor",
          "release_version",
          "last_ip_address",
          "last_external_ip_address",
          "agent_version",
          "os_build",
          "health_status",
          "device_value",
          "rbac_group_id",
          "rbac_group_name",
          "risk_score",
          "exposure_level",
          "is_aad_joined",
          "aad_device_id",
          "machine_tags_json",
          "defender_av_status",
          "onboarding_status",
          "os_architecture",
          "managed_by",
          "managed_by_status",
          "ip_addresses_json",
          "vm_metadata_json");

  /** Most distinct values {@link #shared} keeps. */
  static final int MAX_SHARED = 4096;

  private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

  private MachineColumns() {}

  /** {@code m.id, m.merged_into_machine_id, ...} for a select list. */
  static String selectList(String alias) {
    return alias + "." + String.join(", " + alias + ".", NAMES);
  }

  /** Binds {@code machine} to parameters {@code first .. first + NAMES.size() - 1}. */
  static int bind(PreparedStatement statement, int first, Machine machine) throws SQLException {
    int i = first;
    statement.setString(i++, machine.id().value());
    statement.setString(i++, idOrNull(machine.mergedIntoMachineId()));
    statement.setBoolean(i++, machine.isPotentialDuplication());
    statement.setBoolean(i++, machine.isExcluded());
    statement.setString(i++, machine.exclusionReason());
    statement.setString(i++, machine.computerDnsName());
    StoreWrites.setLong(statement, i++, EpochNanos.of(machine.firstSeen()));
    StoreWrites.setLong(statement, i++, EpochNanos.of(machine.lastSeen()));
    statement.setString(i++, machine.osPlatform());
    statement.setString(i++, machine.osVersion());
    statement.setString(i++, machine.osProcessor());
    statement.setString(i++, machine.version());
    statement.setString(i++, machine.lastIpAddress());
    statement.setString(i++, machine.lastExternalIpAddress());
    statement.setString(i++, machine.agentVersion());
    StoreWrites.setLong(statement, i++, machine.osBuild());
    statement.setString(i++, wire(machine.healthStatus()));
    statement.setString(i++, wire(machine.deviceValue()));
    statement.setLong(i++, machine.rbacGroupId());
    statement.setString(i++, machine.rbacGroupName());
    statement.setString(i++, wire(machine.riskScore()));
    statement.setString(i++, wire(machine.exposureLevel()));
    statement.setBoolean(i++, machine.isAadJoined());
    statement.setString(i++, machine.aadDeviceId());
    statement.setString(i++, JsonWriter.write(machine.machineTags()));
    statement.setString(i++, machine.defenderAvStatus());
    statement.setString(i++, wire(machine.onboardingStatus()));
    statement.setString(i++, wire(machine.osArchitecture()));
    statement.setString(i++, machine.managedBy());
    statement.setString(i++, machine.managedByStatus());
    statement.setString(i++, ipAddressesJson(machine.ipAddresses()));
    statement.setString(i++, vmMetadataJson(machine.vmMetadata()));
    return i;
  }

  /**
   * Reads the machine in the current row, whose first columns are {@link #NAMES} in order (as
   * {@link #selectList} writes them). By position: sqlite-jdbc resolves a column name with a map
   * probe, 32 times a machine.
   */
  static Machine read(ResultSet row) throws SQLException {
    int c = 1;
    return Machine.builder(MachineId.of(row.getString(c++)))
        .mergedIntoMachineId(idOf(row.getString(c++)))
        .isPotentialDuplication(row.getBoolean(c++))
        .isExcluded(row.getBoolean(c++))
        .exclusionReason(shared(row.getString(c++)))
        .computerDnsName(row.getString(c++))
        .firstSeen(EpochNanos.toInstant(getLong(row, c++)))
        .lastSeen(EpochNanos.toInstant(getLong(row, c++)))
        .osPlatform(shared(row.getString(c++)))
        .osVersion(shared(row.getString(c++)))
        .osProcessor(shared(row.getString(c++)))
        .version(shared(row.getString(c++)))
        .lastIpAddress(row.getString(c++))
        .lastExternalIpAddress(row.getString(c++))
        .agentVersion(shared(row.getString(c++)))
        .osBuild(getLong(row, c++))
        .healthStatus(parse(row.getString(c++), HealthStatus::fromWireName))
        .deviceValue(parse(row.getString(c++), DeviceValue::fromWireName))
        .rbacGroupId(row.getLong(c++))
        .rbacGroupName(shared(row.getString(c++)))
        .riskScore(parse(row.getString(c++), RiskScore::fromWireName))
        .exposureLevel(parse(row.getString(c++), ExposureLevel::fromWireName))
        .isAadJoined(row.getBoolean(c++))
        .aadDeviceId(row.getString(c++))
        .machineTags(tags(row.getString(c++)))
        .defenderAvStatus(shared(row.getString(c++)))
        .onboardingStatus(parse(row.getString(c++), OnboardingStatus::fromWireName))
        .osArchitecture(parse(row.getString(c++), OsArchitecture::fromWireName))
        .managedBy(shared(row.getString(c++)))
        .managedByStatus(shared(row.getString(c++)))
        .ipAddresses(ipAddresses(row.getString(c++)))
        .vmMetadata(vmMetadata(row.getString(c++)))
        .build();
  }

  private static String ipAddressesJson(List<IpAddress> addresses) {
    List<Object> items = new ArrayList<>();
    for (IpAddress address : addresses) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("ipAddress", address.ipAddress());
      item.put("macAddress", address.macAddress());
      item.put("type", address.type());
      item.put("operationalStatus", address.operationalStatus());
      items.add(item);
    }
    return JsonWriter.write(items);
  }

  private static String vmMetadataJson(VmMetadata vm) {
    if (vm == null) {
      return null;
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("vmId", vm.vmId());
    item.put("cloudProvider", vm.cloudProvider());
    item.put("resourceId", vm.resourceId());
    item.put("subscriptionId", vm.subscriptionId());
    return JsonWriter.write(item);
  }

  @SuppressWarnings("unchecked")
  private static List<String> tags(String json) {
    List<String> tags = new ArrayList<>();
    for (String tag : (List<String>) parseJson(json)) {
      tags.add(shared(tag));
    }
    return tags;
  }

  @SuppressWarnings("unchecked")
  private static List<IpAddress> ipAddresses(String json) {
    List<IpAddress> addresses = new ArrayList<>();
    for (Object item : (List<Object>) parseJson(json)) {
      Map<String, Object> fields = (Map<String, Object>) item;
      addresses.add(
          new IpAddress(
              (String) fields.get("ipAddress"),
              (String) fields.get("macAddress"),
              shared((String) fields.get("type")),
              shared((String) fields.get("operationalStatus"))));
    }
    return addresses;
  }

  @SuppressWarnings("unchecked")
  private static VmMetadata vmMetadata(String json) {
    if (json == null) {
      return null;
    }
    Map<String, Object> fields = (Map<String, Object>) parseJson(json);
    return new VmMetadata(
        (String) fields.get("vmId"),
        shared((String) fields.get("cloudProvider")),
        (String) fields.get("resourceId"),
        shared((String) fields.get("subscriptionId")));
  }

  private static Object parseJson(String json) {
    try {
      return JsonReader.parse(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One instance of a repeated value (platforms, versions, group names, tags, address types), so
   * the machines a cache keeps share them: about a fifth of a machine's memory. Takes at most
   * {@link #MAX_SHARED} distinct values and returns others as they are.
   */
  static String shared(String value) {
    if (value == null) {
      return null;
    }
    String known = SHARED.get(value);
    if (known != null) {
      return known;
    }
    if (SHARED.size() >= MAX_SHARED) {
      return value;
    }
    known = SHARED.putIfAbsent(value, value);
    return known == null ? value : known;
  }

  private static String wire(WireValue value) {
    return value == null ? null : value.wireName();
  }

  private static <E> E parse(String wireName, Function<String, E> parser) {
    return wireName == null ? null : parser.apply(wireName);
  }

  private static String idOrNull(MachineId id) {
    return id == null ? null : id.value();
  }

  private static MachineId idOf(String value) {
    return value == null ? null : MachineId.of(value);
  }

  private static Long getLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
