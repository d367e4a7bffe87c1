package io.filesight.application.contract;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the {@link MachineStore} out-port: every implementation passes these tests through a
 * subclass that says how to make a fresh one and look inside it.
 */
public abstract class MachineStoreContract {

  /** One fresh, empty store, the port that writes it, and a look inside. */
  protected interface Fixture extends AutoCloseable {
    MachineStore machines();

    /** The stored machine with this id, if any. */
    Optional<Machine> machine(MachineId id);

    /** Everything the store holds, change counters aside, comparable between two moments. */
    Object snapshot();

    @Override
    default void close() {}
  }

  protected abstract Fixture newFixture();

  private Fixture given;

  @BeforeEach
  void freshFixture() {
    given = newFixture();
  }

  @AfterEach
  void closeFixture() {
    given.close();
  }

  @Test
  void everyPropertyOfACommittedMachineIsStored() {
    Machine full = MachineRepositoryContract.fullMachine();
    Machine bare = Machine.builder(id(7)).build();

    StoredCounts counts = commit(full, bare);

    assertThat(counts).isEqualTo(new StoredCounts(2, 0));
    assertThat(given.machine(full.id())).contains(full);
    assertThat(given.machine(bare.id())).contains(bare);
  }

  @Test
  void aMachineReplacesTheStoredOneWithItsIdAndCountsAsUpdated() {
    Machine full = MachineRepositoryContract.fullMachine();
    commit(full);
    Machine changed =
        full.toBuilder()
            .with(COMPUTER_DNS_NAME, "renamed.contoso.com")
            .with(RBAC_GROUP_ID, 0L)
            .with(MACHINE_TAGS, List.of())
            .build();

    StoredCounts counts = commit(changed, Machine.builder(id(8)).build());

    assertThat(counts).isEqualTo(new StoredCounts(1, 1));
    assertThat(given.machine(full.id())).contains(changed);
  }

  @Test
  void workNotCommittedIsDiscardedWhenTheSessionCloses() {
    try (ImportSession<Machine> session = given.machines().beginImport()) {
      session.append(List.of(Machine.builder(id(9)).build()));
    }

    assertThat(given.machine(id(9))).isEmpty();
  }

  @Test
  void storingTheSameMachinesAgainChangesNothing() {
    Machine full = MachineRepositoryContract.fullMachine();
    commit(full, Machine.builder(id(7)).build());
    Object before = given.snapshot();

    StoredCounts again = commit(full, Machine.builder(id(7)).build());

    assertThat(again).isEqualTo(new StoredCounts(0, 2));
    assertThat(given.snapshot()).isEqualTo(before);
  }

  private StoredCounts commit(Machine... machines) {
    try (ImportSession<Machine> session = given.machines().beginImport()) {
      session.append(List.of(machines));
      return session.commit(true);
    }
  }

  private static MachineId id(int n) {
    return MachineId.of(String.format("%040x", n));
  }
}
