package io.filesight.adapter.http;

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
        .mergedIntoMachineId(null)
        .isPotentialDuplication(false)
        .isExcluded(true)
        .exclusionReason("Duplicate")
        .computerDnsName("mymachine1.contoso.com")
        .firstSeen(Instant.parse("2024-03-01T08:15:02.123456789Z"))
        .lastSeen(Instant.parse("2024-03-07T11:20:00Z"))
        .osPlatform("Windows11")
        .osVersion(null)
        .osProcessor("x64")
        .version("23H2")
        .lastIpAddress("172.17.230.209")
        .lastExternalIpAddress("167.220.196.71")
        .agentVersion("10.8470.19041.2788")
        .osBuild(22631L)
        .healthStatus(HealthStatus.ACTIVE)
        .deviceValue(DeviceValue.HIGH)
        .rbacGroupId(140)
        .rbacGroupName("The-A-Team")
        .riskScore(RiskScore.LOW)
        .exposureLevel(ExposureLevel.MEDIUM)
        .isAadJoined(true)
        .aadDeviceId("80fe8ff8-2624-418e-9591-41f0491218f9")
        .machineTags(List.of("test tag 1", "ExampleTag"))
        .defenderAvStatus("Updated")
        .onboardingStatus(OnboardingStatus.ONBOARDED)
        .osArchitecture(OsArchitecture.BITS_64)
        .managedBy("MicrosoftDefenderForEndpoint")
        .managedByStatus("Success")
        .ipAddresses(
            List.of(
                new IpAddress("172.17.230.209", "00155D7D7E50", "Ethernet", "Up"),
                new IpAddress("127.0.0.1", null, "SoftwareLoopback", "Up")))
        .vmMetadata(
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
