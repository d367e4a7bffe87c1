package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/** Which machine groups a caller may see: all of them, or only the listed ids (0 = ungrouped). */
public sealed interface GroupScope {

  boolean includes(long machineGroupId);

  static GroupScope all() {
    return All.INSTANCE;
  }

  static GroupScope only(Set<Long> machineGroupIds) {
    return new Only(machineGroupIds);
  }

  /** Every machine of the tenant. */
  enum All implements GroupScope {
    INSTANCE;

    @Override
    public boolean includes(long machineGroupId) {
      return true;
    }
  }

  /** Only machines whose {@code rbacGroupId} is listed; an empty set sees nothing. */
  record Only(Set<Long> machineGroupIds) implements GroupScope {
    public Only {
      machineGroupIds = Set.copyOf(Objects.requireNonNull(machineGroupIds, "machineGroupIds"));
    }

    @Override
    public boolean includes(long machineGroupId) {
      return machineGroupIds.contains(machineGroupId);
    }
  }
}
