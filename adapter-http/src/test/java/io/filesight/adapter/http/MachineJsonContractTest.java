package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filesight.domain.MachineProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The machine keys the writer follows are those of defender-contract.md's table, in its order. */
class MachineJsonContractTest {
  /** The table's keys, copied from the reference so the test runs without it. */
  private static final List<String> CONTRACT_KEYS =
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

  private static final Path REFERENCE =
      Path.of("..", "..", "shared", "reference", "defender-contract.md");

  @Test
  void thePropertyTableTheWriterFollowsHasTheContractKeysInOrder() {
    assertThat(MachineProperty.ALL)
        .extracting(MachineProperty::name)
        .containsExactlyElementsOf(CONTRACT_KEYS);
  }

  @Test
  void copiedKeysMatchTheReferenceTableWhenItIsPresent() throws IOException {
    assumeTrue(Files.isReadable(REFERENCE), "shared/reference is beside the work tree");

    assertThat(tableKeys(Files.readString(REFERENCE))).containsExactlyElementsOf(CONTRACT_KEYS);
  }

  /** The first column of the table under "## Machine entity". */
  private static List<String> tableKeys(String markdown) {
    String section = markdown.substring(markdown.indexOf("## Machine entity"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    List<String> keys = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\w+) \\|").matcher(section);
    while (row.find()) {
      if (!row.group(1).equals("key")) {
        keys.add(row.group(1));
      }
    }
    return keys;
  }
}
