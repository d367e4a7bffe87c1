package io.filesight.application.fake;

import static io.filesight.domain.MachineProperty.AGENT_VERSION;
import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.FIRST_SEEN;
import static io.filesight.domain.MachineProperty.HEALTH_STATUS;
import static io.filesight.domain.MachineProperty.LAST_EXTERNAL_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_SEEN;
import static io.filesight.domain.MachineProperty.ONBOARDING_STATUS;
import static io.filesight.domain.MachineProperty.OS_PLATFORM;
import static io.filesight.domain.MachineProperty.OS_PROCESSOR;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_NAME;
import static io.filesight.domain.MachineProperty.VERSION;

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
        .with(COMPUTER_DNS_NAME, "host-" + n + ".contoso.local")
        .with(FIRST_SEEN, Instant.parse("2024-03-01T08:15:02.1234567Z"))
        .with(LAST_SEEN, Instant.parse("2026-11-01T10:00:00Z"))
        .with(OS_PLATFORM, "Windows11")
        .with(OS_PROCESSOR, "x64")
        .with(VERSION, "23H2")
        .with(LAST_IP_ADDRESS, "10.0.0." + (n % 250))
        .with(LAST_EXTERNAL_IP_ADDRESS, "203.0.113.7")
        .with(AGENT_VERSION, "10.8470.19041.2788")
        .with(HEALTH_STATUS, HealthStatus.ACTIVE)
        .with(RBAC_GROUP_ID, rbacGroupId)
        .with(RBAC_GROUP_NAME, rbacGroupId == 0 ? null : "Group " + rbacGroupId)
        .with(ONBOARDING_STATUS, OnboardingStatus.ONBOARDED)
        .build();
  }
}
