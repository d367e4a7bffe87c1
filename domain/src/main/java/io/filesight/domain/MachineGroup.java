package io.filesight.domain;

import java.util.Objects;

/**
 * A Defender machine group (RBAC device group). Id 0 is the ungrouped group; a lower rank wins when
 * several groups match a machine.
 */
public record MachineGroup(long id, String name, int rank) {
  /** The id Defender reports for machines in no machine group. */
  public static final long UNGROUPED_ID = 0;

  public MachineGroup {
    if (id < 0) {
      throw new IllegalArgumentException("machine group id must be 0 or more, was " + id);
    }
    Objects.requireNonNull(name, "name");
  }

  public boolean isUngrouped() {
    return id == UNGROUPED_ID;
  }
}
