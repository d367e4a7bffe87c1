package io.filesight.adapter.imports.generate;

import io.filesight.domain.DefenderTimestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds one generated Defender machine entity, keys in Defender's order. */
final class MachineEntities {
  private static final String[][] PLATFORMS = {
    {"Windows11", "10.0.22631", "23H2", "22631"},
    {"Windows10", "10.0.19045", "22H2", "19045"},
    {"WindowsServer2022", "10.0.20348", "21H2", "20348"},
    {"WindowsServer2019", "10.0.17763", "1809", "17763"},
    {"Linux", "Ubuntu 22.04", null, null},
    {"macOS", "14.5", null, null},
  };
  private static final String[] TAGS = {"vip", "laptop", "byod", "pilot", "Contoso, HQ", "tier-0"};
  private static final String[] HEALTH = {
    "Active", "Active", "Active", "Inactive", "ImpairedCommunication"
  };
  private static final String[] RISK = {"None", "Informational", "Low", "Medium", "High"};
  private static final String[] EXPOSURE = {"None", "Low", "Medium", "High"};
  private static final String[] VALUE = {"Normal", "Normal", "Low", "High"};
  private static final String[] PREFIX = {"fin-ws", "eng-ws", "srv", "kiosk", "ws"};

  private MachineEntities() {}

  /** The DNS name of generated machine {@code index}, also written as DeviceName. */
  static String dnsName(int index) {
    return PREFIX[index % 5] + "-" + String.format("%05d", index) + ".contoso.com";
  }

  static Map<String, Object> entity(
      int index, String id, long group, String groupName, SplittableRandom random, Instant now) {
    boolean server = group == DemoDataGenerator.SERVERS_GROUP_ID;
    String[] platform =
        PLATFORMS[server ? 2 + random.nextInt(2) : pick(random, new int[] {0, 0, 0, 1, 1, 4, 5})];
    Instant firstSeen =
        now.minus(Duration.ofSeconds(86_400L * (30 + random.nextInt(700))))
            .plusNanos(random.nextInt(10_000_000) * 100L);
    Instant lastSeen =
        now.minus(Duration.ofSeconds(random.nextInt(86_400 * 20)))
            .plusNanos(random.nextInt(10_000_000) * 100L);
    String ip = "10." + (index / 65536 % 256) + "." + (index / 256 % 256) + "." + (index % 256);
    boolean windows = platform[0].startsWith("Windows");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("mergedIntoMachineId", null);
    m.put("isPotentialDuplication", random.nextInt(50) == 0);
    m.put("isExcluded", false);
    m.put("exclusionReason", null);
    m.put(
        "computerDnsName", PREFIX[index % 5] + "-" + String.format("%05d", index) + ".contoso.com");
    m.put("firstSeen", DefenderTimestamps.formatPadded(firstSeen));
    m.put("lastSeen", DefenderTimestamps.formatPadded(lastSeen));
    m.put("osPlatform", platform[0]);
    m.put("osVersion", platform[1]);
    m.put("osProcessor", "x64");
    m.put("version", platform[2]);
    m.put("lastIpAddress", ip);
    m.put("lastExternalIpAddress", "203.0.113." + (index % 250 + 1));
    m.put(
        "agentVersion",
        windows
            ? "10.8470." + platform[3] + "." + (1000 + random.nextInt(4000))
            : "101.24042.0001");
    m.put("osBuild", platform[3] == null ? null : Long.parseLong(platform[3]));
    m.put("healthStatus", HEALTH[random.nextInt(HEALTH.length)]);
    m.put("deviceValue", server ? "High" : VALUE[random.nextInt(VALUE.length)]);
    m.put("rbacGroupId", group);
    m.put("rbacGroupName", groupName);
    m.put("riskScore", RISK[random.nextInt(RISK.length)]);
    m.put("exposureLevel", EXPOSURE[random.nextInt(EXPOSURE.length)]);
    m.put("isAadJoined", windows && !server);
    m.put("aadDeviceId", windows && !server ? uuid(random) : null);
    m.put("machineTags", tags(random));
    m.put("defenderAvStatus", "Updated");
    m.put("onboardingStatus", "Onboarded");
    m.put("osArchitecture", "64-bit");
    m.put("managedBy", server ? "MicrosoftDefenderForEndpoint" : "Intune");
    m.put("managedByStatus", "Success");
    m.put("ipAddresses", ipAddresses(ip, random));
    m.put("vmMetadata", server ? vm(random) : null);
    return m;
  }

  private static List<Object> ipAddresses(String ip, SplittableRandom random) {
    List<Object> addresses = new ArrayList<>();
    addresses.add(address(ip, mac(random), "Ethernet", "Up"));
    if (random.nextBoolean()) {
      addresses.add(address("127.0.0.1", null, "SoftwareLoopback", "Up"));
    }
    return addresses;
  }

  private static Map<String, Object> address(String ip, String mac, String type, String status) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("ipAddress", ip);
    a.put("macAddress", mac);
    a.put("type", type);
    a.put("operationalStatus", status);
    return a;
  }

  private static Map<String, Object> vm(SplittableRandom random) {
    String vmId = uuid(random);
    String subscription = uuid(random);
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("vmId", vmId);
    vm.put("cloudProvider", "Azure");
    vm.put(
        "resourceId",
        "/subscriptions/"
            + subscription
            + "/resourceGroups/prod/providers/Microsoft.Compute/virtualMachines/"
            + vmId);
    vm.put("subscriptionId", subscription);
    return vm;
  }

  private static List<String> tags(SplittableRandom random) {
    List<String> tags = new ArrayList<>();
    for (String tag : TAGS) {
      if (random.nextInt(6) == 0) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static String mac(SplittableRandom random) {
    StringBuilder mac = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      mac.append(i == 0 ? "" : "-").append(String.format("%02X", random.nextInt(256)));
    }
    return mac.toString();
  }

  private static String uuid(SplittableRandom random) {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static int pick(SplittableRandom random, int[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
