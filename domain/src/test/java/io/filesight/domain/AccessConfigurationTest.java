package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessConfigurationTest {

  @Test
  void aRoleNameStandsOnceAsInDefender() {
    List<Role> roles =
        List.of(
            new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g-1")),
            new Role("Tier 1", Set.of("ViewReports"), Set.of("g-2")));

    assertThatThrownBy(() -> AccessConfiguration.of(List.of(), roles))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the role 'Tier 1' is listed twice");
  }

  @Test
  void aMachineGroupIdStandsOnce() {
    List<MachineGroupAccess> groups =
        List.of(
            new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of()),
            new MachineGroupAccess(new MachineGroup(140, "Finance again", 2), Set.of()));

    assertThatThrownBy(() -> AccessConfiguration.of(groups, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("machine group ids must be unique");
  }
}
