package io.filesight.domain;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.FIRST_SEEN;
import static io.filesight.domain.MachineProperty.HEALTH_STATUS;
import static io.filesight.domain.MachineProperty.IS_EXCLUDED;
import static io.filesight.domain.MachineProperty.LAST_SEEN;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachinePropertyTest {
  private static final MachineId ID = MachineId.of("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");

  @Test
  void theTableListsMachinesComponentsInOrderByDefendersNames() {
    List<String> components =
        Arrays.stream(Machine.class.getRecordComponents()).map(RecordComponent::getName).toList();

    assertThat(MachineProperty.ALL).extracting(MachineProperty::name).isEqualTo(components);
    for (int i = 0; i < MachineProperty.ALL.size(); i++) {
      assertThat(MachineProperty.ALL.get(i).index()).isEqualTo(i);
    }
  }

  @Test
  void aPropertyNeverSetHasItsAbsentValue() {
    Machine bare = Machine.builder(ID).build();

    for (MachineProperty<?> property : MachineProperty.ALL) {
      Object expected = property == MachineProperty.ID ? ID : property.absent();
      assertThat((Object) property.of(bare)).as(property.name()).isEqualTo(expected);
    }
    assertThat(bare.rbacGroupId()).isZero();
    assertThat(bare.isExcluded()).isFalse();
    assertThat(bare.machineTags()).isEmpty();
  }

  @Test
  void theBuilderSetsEachPropertyAndCopiesAMachine() {
    Machine machine =
        Machine.builder(ID)
            .with(COMPUTER_DNS_NAME, "fin-ws-1.contoso.com")
            .with(IS_EXCLUDED, true)
            .with(RBAC_GROUP_ID, 140L)
            .with(HEALTH_STATUS, HealthStatus.ACTIVE)
            .with(MACHINE_TAGS, List.of("vip"))
            .build();

    assertThat(machine.computerDnsName()).isEqualTo("fin-ws-1.contoso.com");
    assertThat(machine.isExcluded()).isTrue();
    assertThat(machine.rbacGroupId()).isEqualTo(140);
    assertThat(machine.healthStatus()).isEqualTo(HealthStatus.ACTIVE);
    assertThat(machine.toBuilder().build()).isEqualTo(machine);
    assertThat(machine.toBuilder().with(IS_EXCLUDED, null).build().isExcluded()).isFalse();
  }

  @Test
  void theMachinesInvariantsHoldThroughTheBuilder() {
    MachineBuilder backwards =
        Machine.builder(ID)
            .with(FIRST_SEEN, Instant.parse("2024-03-02T00:00:00Z"))
            .with(LAST_SEEN, Instant.parse("2024-03-01T00:00:00Z"));

    assertThatThrownBy(backwards::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before firstSeen");
    assertThatThrownBy(() -> Machine.builder(ID).with(RBAC_GROUP_ID, -1L).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChoiceReadsItsWireSpellingsOnly() {
    assertThat(HEALTH_STATUS.choice("ImpairedCommunication"))
        .isEqualTo(HealthStatus.IMPAIRED_COMMUNICATION);
    assertThatThrownBy(() -> HEALTH_STATUS.choice("Sleepy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Sleepy' is not a HealthStatus");
    assertThatThrownBy(() -> COMPUTER_DNS_NAME.choice("x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nestedValuesListTheirKeysAndValuesInOrder() {
    IpAddress address = new IpAddress("10.0.0.1", null, "Ethernet", "Up");
    VmMetadata vm = new VmMetadata("vm", "Azure", "/r", "s");

    assertThat(IpAddress.of(address.values())).isEqualTo(address);
    assertThat(VmMetadata.of(vm.values())).isEqualTo(vm);
    assertThat(IpAddress.KEYS).hasSameSizeAs(address.values());
    assertThat(VmMetadata.KEYS).hasSameSizeAs(vm.values());
  }
}
