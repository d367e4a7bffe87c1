package io.filesight.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The properties of Defender's machine entity in Defender's key order, each with the kind of value
 * it holds: the one list that the import reader, the store and the HTTP writer map to their own
 * keys and columns. A new property is a component of {@link Machine} and an entry here, plus the
 * store's migration and the API description; {@link MachineBuilder} refuses to start when this list
 * and the record's components disagree.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/machine">Machine resource
 *     type</a>
 */
public final class MachineProperty<T> {

  /** What a property holds, which decides how each adapter reads and writes it. */
  public enum Kind {
    /** A {@link MachineId}. */
    MACHINE_ID,
    /** true or false; false when absent. */
    FLAG,
    /** Free text. */
    TEXT,
    /** An {@link Instant}, written as {@link DefenderTimestamps} says. */
    TIME,
    /** A whole number, a {@code Long}. */
    WHOLE_NUMBER,
    /** One constant of a {@link WireValue} enumeration, by its wire spelling. */
    CHOICE,
    /** A list of texts; empty when absent. */
    TEXTS,
    /** A list of {@link IpAddress}; empty when absent. */
    IP_ADDRESSES,
    /** A {@link VmMetadata}. */
    VM_METADATA
  }

  private static int defined;

  public static final MachineProperty<MachineId> ID =
      new MachineProperty<>("id", Kind.MACHINE_ID, Machine::id, null, null);
  public static final MachineProperty<MachineId> MERGED_INTO_MACHINE_ID =
      new MachineProperty<>(
          "mergedIntoMachineId", Kind.MACHINE_ID, Machine::mergedIntoMachineId, null, null);
  public static final MachineProperty<Boolean> IS_POTENTIAL_DUPLICATION =
      flag("isPotentialDuplication", Machine::isPotentialDuplication);
  public static final MachineProperty<Boolean> IS_EXCLUDED =
      flag("isExcluded", Machine::isExcluded);
  public static final MachineProperty<String> EXCLUSION_REASON =
      text("exclusionReason", Machine::exclusionReason);
  public static final MachineProperty<String> COMPUTER_DNS_NAME =
      text("computerDnsName", Machine::computerDnsName);
  public static final MachineProperty<Instant> FIRST_SEEN = time("firstSeen", Machine::firstSeen);
  public static final MachineProperty<Instant> LAST_SEEN = time("lastSeen", Machine::lastSeen);
  public static final MachineProperty<String> OS_PLATFORM = text("osPlatform", Machine::osPlatform);
  public static final MachineProperty<String> OS_VERSION = text("osVersion", Machine::osVersion);
  public static final MachineProperty<String> OS_PROCESSOR =
      text("osProcessor", Machine::osProcessor);
  public static final MachineProperty<String> VERSION = text("version", Machine::version);
  public static final MachineProperty<String> LAST_IP_ADDRESS =
      text("lastIpAddress", Machine::lastIpAddress);
  public static final MachineProperty<String> LAST_EXTERNAL_IP_ADDRESS =
      text("lastExternalIpAddress", Machine::lastExternalIpAddress);
  public static final MachineProperty<String> AGENT_VERSION =
      text("agentVersion", Machine::agentVersion);
  public static final MachineProperty<Long> OS_BUILD =
      new MachineProperty<>("osBuild", Kind.WHOLE_NUMBER, Machine::osBuild, null, null);
  public static final MachineProperty<HealthStatus> HEALTH_STATUS =
      choice("healthStatus", Machine::healthStatus, HealthStatus::fromWireName);
  public static final MachineProperty<DeviceValue> DEVICE_VALUE =
      choice("deviceValue", Machine::deviceValue, DeviceValue::fromWireName);

  /** 0 for a machine in no machine group, also when absent. */
  public static final MachineProperty<Long> RBAC_GROUP_ID =
      new MachineProperty<>(
          "rbacGroupId", Kind.WHOLE_NUMBER, Machine::rbacGroupId, MachineGroup.UNGROUPED_ID, null);

  public static final MachineProperty<String> RBAC_GROUP_NAME =
      text("rbacGroupName", Machine::rbacGroupName);
  public static final MachineProperty<RiskScore> RISK_SCORE =
      choice("riskScore", Machine::riskScore, RiskScore::fromWireName);
  public static final MachineProperty<ExposureLevel> EXPOSURE_LEVEL =
      choice("exposureLevel", Machine::exposureLevel, ExposureLevel::fromWireName);
  public static final MachineProperty<Boolean> IS_AAD_JOINED =
      flag("isAadJoined", Machine::isAadJoined);
  public static final MachineProperty<String> AAD_DEVICE_ID =
      text("aadDeviceId", Machine::aadDeviceId);
  public static final MachineProperty<List<String>> MACHINE_TAGS =
      new MachineProperty<>("machineTags", Kind.TEXTS, Machine::machineTags, List.of(), null);
  public static final MachineProperty<String> DEFENDER_AV_STATUS =
      text("defenderAvStatus", Machine::defenderAvStatus);
  public static final MachineProperty<OnboardingStatus> ONBOARDING_STATUS =
      choice("onboardingStatus", Machine::onboardingStatus, OnboardingStatus::fromWireName);
  public static final MachineProperty<OsArchitecture> OS_ARCHITECTURE =
      choice("osArchitecture", Machine::osArchitecture, OsArchitecture::fromWireName);
  public static final MachineProperty<String> MANAGED_BY = text("managedBy", Machine::managedBy);
  public static final MachineProperty<String> MANAGED_BY_STATUS =
      text("managedByStatus", Machine::managedByStatus);
  public static final MachineProperty<List<IpAddress>> IP_ADDRESSES =
      new MachineProperty<>(
          "ipAddresses", Kind.IP_ADDRESSES, Machine::ipAddresses, List.of(), null);
  public static final MachineProperty<VmMetadata> VM_METADATA =
      new MachineProperty<>("vmMetadata", Kind.VM_METADATA, Machine::vmMetadata, null, null);

  /** Every property, in Defender's key order, which is also the order of {@link Machine}. */
  public static final List<MachineProperty<?>> ALL =
      List.of(
          ID,
          MERGED_INTO_MACHINE_ID,
          IS_POTENTIAL_DUPLICATION,
          IS_EXCLUDED,
          EXCLUSION_REASON,
          COMPUTER_DNS_NAME,
          FIRST_SEEN,
          LAST_SEEN,
          OS_PLATFORM,
          OS_VERSION,
          OS_PROCESSOR,
          VERSION,
          LAST_IP_ADDRESS,
          LAST_EXTERNAL_IP_ADDRESS,
          AGENT_VERSION,
          OS_BUILD,
          HEALTH_STATUS,
          DEVICE_VALUE,
          RBAC_GROUP_ID,
          RBAC_GROUP_NAME,
          RISK_SCORE,
          EXPOSURE_LEVEL,
          IS_AAD_JOINED,
          AAD_DEVICE_ID,
          MACHINE_TAGS,
          DEFENDER_AV_STATUS,
          ONBOARDING_STATUS,
          OS_ARCHITECTURE,
          MANAGED_BY,
          MANAGED_BY_STATUS,
          IP_ADDRESSES,
          VM_METADATA);

  private final String name;
  private final Kind kind;
  private final Function<Machine, T> read;
  private final T absent;
  private final Function<String, T> choices;
  private final int index;

  private MachineProperty(
      String name, Kind kind, Function<Machine, T> read, T absent, Function<String, T> choices) {
    this.name = name;
    this.kind = kind;
    this.read = read;
    this.absent = absent;
    this.choices = choices;
    this.index = defined++;
  }

  private static MachineProperty<Boolean> flag(String name, Function<Machine, Boolean> read) {
    return new MachineProperty<>(name, Kind.FLAG, read, false, null);
  }

  private static MachineProperty<String> text(String name, Function<Machine, String> read) {
    return new MachineProperty<>(name, Kind.TEXT, read, null, null);
  }

  private static MachineProperty<Instant> time(String name, Function<Machine, Instant> read) {
    return new MachineProperty<>(name, Kind.TIME, read, null, null);
  }

  private static <E extends Enum<E> & WireValue> MachineProperty<E> choice(
      String name, Function<Machine, E> read, Function<String, E> choices) {
    return new MachineProperty<>(name, Kind.CHOICE, read, null, choices);
  }

  /** Defender's key, e.g. {@code computerDnsName}. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The position in {@link #ALL} and among {@link Machine}'s components, from 0. */
  public int index() {
    return index;
  }

  /** The value a machine has when its export leaves the property out. */
  public T absent() {
    return absent;
  }

  /** This property's value on {@code machine}. */
  public T of(Machine machine) {
    return read.apply(machine);
  }

  /**
   * The constant spelt {@code wireName}, for a {@link Kind#CHOICE}.
   *
   * @throws IllegalArgumentException for an unknown spelling, naming the known ones
   */
  public T choice(String wireName) {
    if (choices == null) {
      throw new IllegalStateException(name + " is not a choice");
    }
    return choices.apply(Objects.requireNonNull(wireName, "wireName"));
  }

  @Override
  public String toString() {
    return name;
  }
}
