package io.filesight.domain;

import java.time.Instant;
import java.util.List;

/** Builds a {@link Machine} property by property; used by importers, tests and embedders. */
public final class MachineBuilder {
  private MachineId id;
  private MachineId mergedIntoMachineId;
  private boolean isPotentialDuplication;
  private boolean isExcluded;
  private String exclusionReason;
  private String computerDnsName;
  private Instant firstSeen;
  private Instant lastSeen;
  private String osPlatform;
  private String osVersion;
  private String osProcessor;
  private String version;
  private String lastIpAddress;
  private String lastExternalIpAddress;
  private String agentVersion;
  private Long osBuild;
  private HealthStatus healthStatus;
  private DeviceValue deviceValue;
  private long rbacGroupId;
  private String rbacGroupName;
  private RiskScore riskScore;
  private ExposureLevel exposureLevel;
  private boolean isAadJoined;
  private String aadDeviceId;
  private List<String> machineTags = List.of();
  private String defenderAvStatus;
  private OnboardingStatus onboardingStatus;
  private OsArchitecture osArchitecture;
  private String managedBy;
  private String managedByStatus;
  private List<IpAddress> ipAddresses = List.of();
  private VmMetadata vmMetadata;

  MachineBuilder(MachineId id) {
    this.id = id;
  }

  MachineBuilder(Machine machine) {
    this.id = machine.id();
    this.mergedIntoMachineId = machine.mergedIntoMachineId();
    this.isPotentialDuplication = machine.isPotentialDuplication();
    this.isExcluded = machine.isExcluded();
    this.exclusionReason = machine.exclusionReason();
    this.computerDnsName = machine.computerDnsName();
    this.firstSeen = machine.firstSeen();
    this.lastSeen = machine.lastSeen();
    this.osPlatform = machine.osPlatform();
    this.osVersion = machine.osVersion();
    this.osProcessor = machine.osProcessor();
    this.version = machine.version();
    this.lastIpAddress = machine.lastIpAddress();
    this.lastExternalIpAddress = machine.lastExternalIpAddress();
    this.agentVersion = machine.agentVersion();
    this.osBuild = machine.osBuild();
    this.healthStatus = machine.healthStatus();
    this.deviceValue = machine.deviceValue();
    this.rbacGroupId = machine.rbacGroupId();
    this.rbacGroupName = machine.rbacGroupName();
    this.riskScore = machine.riskScore();
    this.exposureLevel = machine.exposureLevel();
    this.isAadJoined = machine.isAadJoined();
    this.aadDeviceId = machine.aadDeviceId();
    this.machineTags = machine.machineTags();
    this.defenderAvStatus = machine.defenderAvStatus();
    this.onboardingStatus = machine.onboardingStatus();
    this.osArchitecture = machine.osArchitecture();
    this.managedBy = machine.managedBy();
    this.managedByStatus = machine.managedByStatus();
    this.ipAddresses = machine.ipAddresses();
    this.vmMetadata = machine.vmMetadata();
  }

  public MachineBuilder id(MachineId id) {
    this.id = id;
    return this;
  }

  public MachineBuilder mergedIntoMachineId(MachineId mergedIntoMachineId) {
    this.mergedIntoMachineId = mergedIntoMachineId;
    return this;
  }

  public MachineBuilder isPotentialDuplication(boolean isPotentialDuplication) {
    this.isPotentialDuplication = isPotentialDuplication;
    return this;
  }

  public MachineBuilder isExcluded(boolean isExcluded) {
    this.isExcluded = isExcluded;
    return this;
  }

  public MachineBuilder exclusionReason(String exclusionReason) {
    this.exclusionReason = exclusionReason;
    return this;
  }

  public MachineBuilder computerDnsName(String computerDnsName) {
    this.computerDnsName = computerDnsName;
    return this;
  }

  public MachineBuilder firstSeen(Instant firstSeen) {
    this.firstSeen = firstSeen;
    return this;
  }

  public MachineBuilder lastSeen(Instant lastSeen) {
    this.lastSeen = lastSeen;
    return this;
  }

  public MachineBuilder osPlatform(String osPlatform) {
    this.osPlatform = osPlatform;
    return this;
  }

  public MachineBuilder osVersion(String osVersion) {
    this.osVersion = osVersion;
    return this;
  }

  public MachineBuilder osProcessor(String osProcessor) {
    this.osProcessor = osProcessor;
    return this;
  }

  public MachineBuilder version(String version) {
    this.version = version;
    return this;
  }

  public MachineBuilder lastIpAddress(String lastIpAddress) {
    this.lastIpAddress = lastIpAddress;
    return this;
  }

  public MachineBuilder lastExternalIpAddress(String lastExternalIpAddress) {
    this.lastExternalIpAddress = lastExternalIpAddress;
    return this;
  }

  public MachineBuilder agentVersion(String agentVersion) {
    this.agentVersion = agentVersion;
    return this;
  }

  public MachineBuilder osBuild(Long osBuild) {
    this.osBuild = osBuild;
    return this;
  }

  public MachineBuilder healthStatus(HealthStatus healthStatus) {
    this.healthStatus = healthStatus;
    return this;
  }

  public MachineBuilder deviceValue(DeviceValue deviceValue) {
    this.deviceValue = deviceValue;
    return this;
  }

  public MachineBuilder rbacGroupId(long rbacGroupId) {
    this.rbacGroupId = rbacGroupId;
    return this;
  }

  public MachineBuilder rbacGroupName(String rbacGroupName) {
    this.rbacGroupName = rbacGroupName;
    return this;
  }

  public MachineBuilder riskScore(RiskScore riskScore) {
    this.riskScore = riskScore;
    return this;
  }

  public MachineBuilder exposureLevel(ExposureLevel exposureLevel) {
    this.exposureLevel = exposureLevel;
    return this;
  }

  public MachineBuilder isAadJoined(boolean isAadJoined) {
    this.isAadJoined = isAadJoined;
    return this;
  }

  public MachineBuilder aadDeviceId(String aadDeviceId) {
    this.aadDeviceId = aadDeviceId;
    return this;
  }

  public MachineBuilder machineTags(List<String> machineTags) {
    this.machineTags = machineTags;
    return this;
  }

  public MachineBuilder defenderAvStatus(String defenderAvStatus) {
    this.defenderAvStatus = defenderAvStatus;
    return this;
  }

  public MachineBuilder onboardingStatus(OnboardingStatus onboardingStatus) {
    this.onboardingStatus = onboardingStatus;
    return this;
  }

  public MachineBuilder osArchitecture(OsArchitecture osArchitecture) {
    this.osArchitecture = osArchitecture;
    return this;
  }

  public MachineBuilder managedBy(String managedBy) {
    this.managedBy = managedBy;
    return this;
  }

  public MachineBuilder managedByStatus(String managedByStatus) {
    this.managedByStatus = managedByStatus;
    return this;
  }

  public MachineBuilder ipAddresses(List<IpAddress> ipAddresses) {
    this.ipAddresses = ipAddresses;
    return this;
  }

  public MachineBuilder vmMetadata(VmMetadata vmMetadata) {
    this.vmMetadata = vmMetadata;
    return this;
  }

  public Machine build() {
    return new Machine(
        id,
        mergedIntoMachineId,
        isPotentialDuplication,
        isExcluded,
        exclusionReason,
        computerDnsName,
        firstSeen,
        lastSeen,
        osPlatform,
        osVersion,
        osProcessor,
        version,
        lastIpAddress,
        lastExternalIpAddress,
        agentVersion,
        osBuild,
        healthStatus,
        deviceValue,
        rbacGroupId,
        rbacGroupName,
        riskScore,
        exposureLevel,
        isAadJoined,
        aadDeviceId,
        machineTags,
        defenderAvStatus,
        onboardingStatus,
        osArchitecture,
        managedBy,
        managedByStatus,
        ipAddresses,
        vmMetadata);
  }
}
