package io.filesight.adapter.http;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedMachinesTest {
  @Test
  void rendersExactlyWhatMachineJsonWrites() throws IOException {
    Machine machine = machine(1, "host-1");

    assertThat(new String(new RenderedMachines(10).json(machine), "UTF-8"))
        .isEqualTo(direct(machine));
  }

  @Test
  void anEqualMachineGetsTheKeptBytesAndAChangedOneItsOwn() throws IOException {
    RenderedMachines rendered = new RenderedMachines(10);
    byte[] first = rendered.json(machine(1, "host-1"));

    assertThat(rendered.json(machine(1, "host-1"))).isSameAs(first);
    assertThat(new String(rendered.json(machine(1, "renamed")), "UTF-8"))
        .isEqualTo(direct(machine(1, "renamed")));
  }

  @Test
  void keepsAtMostItsCapacity() {
    RenderedMachines rendered = new RenderedMachines(3);
    for (int n = 1; n <= 10; n++) {
      rendered.json(machine(n, "host-" + n));
    }

    assertThat(rendered.size()).isEqualTo(3);
    // A changed machine replaces its own entry.
    byte[] renamed = rendered.json(machine(1, "renamed"));
    assertThat(rendered.json(machine(1, "renamed"))).isSameAs(renamed);
    assertThat(rendered.size()).isEqualTo(3);
    RenderedMachines none = new RenderedMachines(0);
    assertThat(none.json(machine(1, "x"))).isNotSameAs(none.json(machine(1, "x")));
    assertThat(none.size()).isZero();
    assertThatThrownBy(() -> new RenderedMachines(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void machinesAnsweredOftenTakeThePlaceOfAOneOffLargePage() {
    RenderedMachines rendered = new RenderedMachines(1_000);
    // First a file seen on 800 machines, answered once.
    for (int n = 10_001; n <= 10_800; n++) {
      rendered.json(machine(n, "hot-" + n));
    }

    // Then everyday answers over 1,000 other machines, each a few times.
    List<Machine> everyday = new ArrayList<>();
    for (int n = 1; n <= 1_000; n++) {
      everyday.add(machine(n, "host-" + n));
    }
    for (int round = 0; round < 5; round++) {
      everyday.forEach(rendered::json);
    }

    assertThat(rendered.size()).isLessThanOrEqualTo(1_000);
    long kept =
        everyday.stream()
            .filter(machine -> rendered.json(machine) == rendered.json(machine))
            .count();
    // Kept only while it had room, as it once was, the page would leave 200 of them in.
    assertThat(kept).isGreaterThanOrEqualTo(900);
  }

  private static String direct(Machine machine) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.generator(bytes)) {
      MachineJson.write(machine, json);
    }
    return bytes.toString("UTF-8");
  }

  private static Machine machine(int n, String dnsName) {
    return Machine.builder(MachineId.of(String.format("%040x", n)))
        .with(COMPUTER_DNS_NAME, dnsName)
        .with(RBAC_GROUP_ID, 1L)
        .build();
  }
}
