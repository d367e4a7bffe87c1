package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
    // Full: a machine it keeps is still replaced when it changes, others are rendered each time.
    byte[] renamed = rendered.json(machine(1, "renamed"));
    assertThat(rendered.json(machine(1, "renamed"))).isSameAs(renamed);
    assertThat(rendered.json(machine(10, "host-10")))
        .isNotSameAs(rendered.json(machine(10, "host-10")));
    assertThat(rendered.size()).isEqualTo(3);
    assertThat(new RenderedMachines(0).json(machine(1, "x"))).isNotEmpty();
    assertThatThrownBy(() -> new RenderedMachines(-1)).isInstanceOf(IllegalArgumentException.class);
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
        .computerDnsName(dnsName)
        .rbacGroupId(1)
        .build();
  }
}
