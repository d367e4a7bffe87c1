package io.filesight.adapter.http;

import static io.filesight.domain.MachineProperty.AAD_DEVICE_ID;
import static io.filesight.domain.MachineProperty.AGENT_VERSION;
import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.DEFENDER_AV_STATUS;
import static io.filesight.domain.MachineProperty.DEVICE_VALUE;
import static io.filesight.domain.MachineProperty.EXCLUSION_REASON;
import static io.filesight.domain.MachineProperty.EXPOSURE_LEVEL;
import static io.filesight.domain.MachineProperty.FIRST_SEEN;
import static io.filesight.domain.MachineProperty.HEALTH_STATUS;
import static io.filesight.domain.MachineProperty.IP_ADDRESSES;
import static io.filesight.domain.MachineProperty.IS_AAD_JOINED;
import static io.filesight.domain.MachineProperty.IS_EXCLUDED;
import static io.filesight.domain.MachineProperty.IS_POTENTIAL_DUPLICATION;
import static io.filesight.domain.MachineProperty.LAST_EXTERNAL_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_SEEN;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.MANAGED_BY;
import static io.filesight.domain.MachineProperty.MANAGED_BY_STATUS;
import static io.filesight.domain.MachineProperty.MERGED_INTO_MACHINE_ID;
import static io.filesight.domain.MachineProperty.ONBOARDING_STATUS;
import static io.filesight.domain.MachineProperty.OS_ARCHITECTURE;
import static io.filesight.domain.MachineProperty.OS_BUILD;
import static io.filesight.domain.MachineProperty.OS_PLATFORM;
import static io.filesight.domain.MachineProperty.OS_PROCESSOR;
import static io.filesight.domain.MachineProperty.OS_VERSION;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_NAME;
import static io.filesight.domain.MachineProperty.RISK_SCORE;
import static io.filesight.domain.MachineProperty.VERSION;
import static io.filesight.domain.MachineProperty.VM_METADATA;

import io.filesight.domain.DeviceValue;
import io.filesight.domain.ExposureLevel;
import io.filesight.domain.FileHash;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.OnboardingStatus;
import io.filesight.domain.OsArchitecture;
import io.filesight.domain.RiskScore;
import io.filesight.domain.VmMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data: machines with every property set, and minimal ones. */
final class Machines {
  static final String SHA1 = "4388963aaa83afe2042a46a3c017ad50bdcdafb3";
  static final String SHA256 = "0f4e6c4a1b4fa9de1d3d4f2d2e1a4bb1b6bd8b1c2e8e3f6d2f8ca3c4e2b5a6d7";
  static final String MD5 = "5d41402abc4b2a76b9719d911017c592";
  static final FileHash FILE = FileHash.parse(SHA1);

  private Machines() {}

  static Machine full() {
    return Machine.builder(MachineId.of("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"))
        .with(MERGED_INTO_MACHINE_ID, null)
        .with(IS_POTENTIAL_DUPLICATION, false)
        .with(IS_EXCLUDED, true)
        .with(EXCLUSION_REASON, "Duplicate")
        .with(COMPUTER_DNS_NAME, "mymachine1.contoso.com")
        .with(FIRST_SEEN, Instant.parse("2024-03-01T08:15:02.123456789Z"))
        .with(LAST_SEEN, Instant.parse("2024-03-07T11:20:00Z"))
        .with(OS_PLATFORM, "Windows11")
        .with(OS_VERSION, null)
        .with(OS_PROCESSOR, "x64")
        .with(VERSION, "23H2")
        .with(LAST_IP_ADDRESS, "172.17.230.209")
        .with(LAST_EXTERNAL_IP_ADDRESS, "167.220.196.71")
        .with(AGENT_VERSION, "10.8470.19041.2788")
        .with(OS_BUILD, 22631L)
        .with(HEALTH_STATUS, HealthStatus.ACTIVE)
        .with(DEVICE_VALUE, DeviceValue.HIGH)
        .with(RBAC_GROUP_ID, 140L)
        .with(RBAC_GROUP_NAME, "The-A-Team")
        .with(RISK_SCORE, RiskScore.LOW)
        .with(EXPOSURE_LEVEL, ExposureLevel.MEDIUM)
        .with(IS_AAD_JOINED, true)
        .with(AAD_DEVICE_ID, "80fe8ff8-2624-418e-9591-41f0491218f9")
        .with(MACHINE_TAGS, List.of("test tag 1", "ExampleTag"))
        .with(DEFENDER_AV_STATUS, "Updated")
        .with(ONBOARDING_STATUS, OnboardingStatus.ONBOARDED)
        .with(OS_ARCHITECTURE, OsArchitecture.BITS_64)
        .with(MANAGED_BY, "MicrosoftDefenderForEndpoint")
        .with(MANAGED_BY_STATUS, "Success")
        .with(
            IP_ADDRESSES,
            List.of(
                new IpAddress("172.17.230.209", "00155D7D7E50", "Ethernet", "Up"),
                new IpAddress("127.0.0.1", null, "SoftwareLoopback", "Up")))
        .with(
            VM_METADATA,
            new VmMetadata(
                "ca1b0d41-5a3b-4d95-b48b-f220aed11d78",
                "Azure",
                "/subscriptions/8700d3a3/resourceGroups/Test/providers/Microsoft.Compute/"
                    + "virtualMachines/mymachine1",
                "8700d3a3-3bb7-4fbe-a090-488a1ad04161"))
        .build();
  }

  /** A machine with only its id: every nullable property null, collections empty. */
  static Machine bare(int n) {
    return Machine.builder(MachineId.of(String.format("%040x", n))).build();
  }

  static List<Machine> bare(int from, int count) {
    List<Machine> machines = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      machines.add(bare(i));
    }
    return machines;
  }
}
