package io.filesight.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the {@link AccessDirectory} out-port and of the {@link AccessConfigurationStore} that
 * writes what it reads, run against every implementation.
 */
public abstract class AccessDirectoryContract {

  /** One fresh implementation, as the port that reads and the port that writes. */
  protected interface Fixture {
    AccessDirectory directory();

    AccessConfigurationStore store();
  }

  protected abstract Fixture newFixture();

  private Fixture given;

  @BeforeEach
  void freshFixture() {
    given = newFixture();
  }

  @Test
  void isUnconfiguredBeforeAnyConfigurationArrives() {
    assertThat(given.directory().accessConfiguration())
        .isEqualTo(AccessConfiguration.unconfigured());
  }

  @Test
  void returnsTheConfigurationItWasGiven() {
    AccessConfiguration configuration = sample();

    given.store().replace(configuration);

    assertSameConfiguration(given.directory().accessConfiguration(), configuration);
  }

  @Test
  void replacingForgetsThePreviousConfiguration() {
    given.store().replace(sample());
    AccessConfiguration smaller =
        AccessConfiguration.of(
            List.of(new MachineGroupAccess(new MachineGroup(141, "Engineering", 1), Set.of("g-3"))),
            List.of(new Role("Reader", Set.of(Role.VIEW_DATA), Set.of("g-3"))));

    given.store().replace(smaller);

    assertSameConfiguration(given.directory().accessConfiguration(), smaller);
  }

  @Test
  void anEmptyConfigurationIsStillConfigured() {
    given.store().replace(sample());

    given.store().replace(AccessConfiguration.of(List.of(), List.of()));

    AccessConfiguration read = given.directory().accessConfiguration();
    assertThat(read.configured()).isTrue();
    assertThat(read.machineGroups()).isEmpty();
    assertThat(read.roles()).isEmpty();
  }

  @Test
  void canReturnToUnconfigured() {
    given.store().replace(sample());

    given.store().replace(AccessConfiguration.unconfigured());

    assertThat(given.directory().accessConfiguration())
        .isEqualTo(AccessConfiguration.unconfigured());
  }

  private static AccessConfiguration sample() {
    return AccessConfiguration.of(
        List.of(
            new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of("g-1", "g-2")),
            new MachineGroupAccess(new MachineGroup(142, "Kiosks", 3), Set.of()),
            new MachineGroupAccess(new MachineGroup(0, "Ungrouped", 99), Set.of("g-2"))),
        List.of(
            new Role("Tier 1", Set.of(Role.VIEW_DATA, "AlertsInvestigation"), Set.of("g-1")),
            new Role("Auditors", Set.of("ViewReports"), Set.of())));
  }

  private static void assertSameConfiguration(
      AccessConfiguration actual, AccessConfiguration expected) {
    assertThat(actual.configured()).isEqualTo(expected.configured());
    assertThat(actual.machineGroups())
        .containsExactlyInAnyOrderElementsOf(expected.machineGroups());
    assertThat(actual.roles()).containsExactlyInAnyOrderElementsOf(expected.roles());
  }
}
