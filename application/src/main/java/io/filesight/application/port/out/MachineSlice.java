package io.filesight.application.port.out;

import io.filesight.domain.Machine;
import java.util.List;

/**
 * One page of machines from {@link MachineRepository}.
 *
 * @param hasMore whether machines follow this page
 */
public record MachineSlice(List<Machine> machines, boolean hasMore) {
  public MachineSlice {
    machines = List.copyOf(machines);
  }
}
