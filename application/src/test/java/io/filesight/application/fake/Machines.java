package io.filesight.application.fake;

import io.filesight.domain.HealthStatus;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.OnboardingStatus;
import java.time.Instant;
import java.util.Locale;

/** Test machines with plausible Defender properties. */
public final class Machines {
  private Machines() {}

  /** The machine id made of {@code n} in hex, left-padded to 40 digits. */
  public static MachineId id(long n) {
    return MachineId.of(String.format(Locale.ROOT, "%040x", n));
  }

  public static Machine machine(long n, long rbacGroupId) {
    return Machine.builder(id(n))
        .computerDnsName("host-" + n + ".contoso.local")
        .firstSeen(Instant.parse("2024-03-01T08:15:02.1234567Z"))
        .lastSeen(Instant.parse("2026-11-01T10:00:00Z"))
        .osPlatform("Windows11")
        .osProcessor("x64")
        .version("23H2")
        .lastIpAddress("10.0.0." + (n % 250))
        .lastExternalIpAddress("203.0.113.7")
        .agentVersion("10.8470.19041.2788")
        .healthStatus(HealthStatus.ACTIVE)
        .rbacGroupId(rbacGroupId)
        .rbacGroupName(rbacGroupId == 0 ? null : "Group " + rbacGroupId)
        .onboardingStatus(OnboardingStatus.ONBOARDED)
        .build();
  }
}
