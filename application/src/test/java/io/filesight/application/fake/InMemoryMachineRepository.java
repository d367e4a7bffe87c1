package io.filesight.application.fake;

import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Fake secondary adapter: machines and sightings in maps, for tests and contract tests. */
public final class InMemoryMachineRepository implements MachineRepository {
  private final Map<MachineId, Machine> machines = new HashMap<>();
  private final Map<String, Set<MachineId>> sightingsBySha1 = new HashMap<>();
  private final Map<String, String> sha1ByOtherHash = new HashMap<>();

  public synchronized InMemoryMachineRepository add(Machine machine) {
    machines.put(machine.id(), machine);
    return this;
  }

  /** Records that the file with these hashes ({@code sha256}, {@code md5} nullable) was seen. */
  public synchronized InMemoryMachineRepository seen(
      String sha1, String sha256, String md5, MachineId machine) {
    String key = FileHash.parse(sha1).hex();
    sightingsBySha1.computeIfAbsent(key, k -> new TreeSet<>()).add(machine);
    if (sha256 != null) {
      sha1ByOtherHash.put(FileHash.parse(sha256).hex(), key);
    }
    if (md5 != null) {
      sha1ByOtherHash.put(FileHash.parse(md5).hex(), key);
    }
    return this;
  }

  public InMemoryMachineRepository seen(String sha1, MachineId machine) {
    return seen(sha1, null, null, machine);
  }

  @Override
  public synchronized Optional<MachineSlice> findSeenWith(
      FileHash file, GroupScope scope, Page page) {
    String sha1 = sha1ByOtherHash.getOrDefault(file.hex(), file.hex());
    Set<MachineId> seenOn = sightingsBySha1.get(sha1);
    if (seenOn == null) {
      return Optional.empty();
    }
    List<Machine> visible = new ArrayList<>();
    for (MachineId id : seenOn) {
      Machine machine = machines.get(id);
      if (machine != null && scope.includes(machine.rbacGroupId())) {
        visible.add(machine);
      }
    }
    int from = (int) Math.min(page.skip(), visible.size());
    int to = (int) Math.min((long) from + page.top(), visible.size());
    return Optional.of(new MachineSlice(visible.subList(from, to), to < visible.size()));
  }
}
