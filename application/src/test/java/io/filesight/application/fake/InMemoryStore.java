package io.filesight.application.fake;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoreContents;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Fake secondary adapter: machines, files and sightings in maps, for tests and contract tests. An
 * import session keeps what it is given until its commit applies it, all at once.
 */
public final class InMemoryStore implements MachineRepository {
  /** When a file was first and last seen on a machine; null times when the export had none. */
  public record Span(Instant first, Instant last) {
    Span widen(Instant at) {
      if (at == null) {
        return this;
      }
      return new Span(
          first == null || at.isBefore(first) ? at : first,
          last == null || at.isAfter(last) ? at : last);
    }
  }

  /** A file's other hashes and name, as the latest observation that had them gave them. */
  private record FileDetails(String sha256, String md5, String name) {
    FileDetails with(Observation o) {
      return new FileDetails(
          o.sha256() == null ? sha256 : o.sha256().hex(),
          o.md5() == null ? md5 : o.md5().hex(),
          o.fileName() == null ? name : o.fileName());
    }
  }

  private final Map<MachineId, Machine> machines = new HashMap<>();
  private final Map<String, TreeMap<MachineId, Span>> sightings = new HashMap<>();
  private final Map<String, FileDetails> files = new HashMap<>();

  /** Where each interrupted observation import stopped, by its source. */
  private final Map<String, ResumePoint> progress = new HashMap<>();

  public synchronized InMemoryStore add(Machine machine) {
    machines.put(machine.id(), machine);
    return this;
  }

  /** Records that the file with these hashes ({@code sha256}, {@code md5} nullable) was seen. */
  public InMemoryStore seen(String sha1, String sha256, String md5, MachineId machine) {
    Observation observation =
        new Observation(
            FileHash.parse(sha1),
            sha256 == null ? null : FileHash.parse(sha256),
            md5 == null ? null : FileHash.parse(md5),
            null,
            machine,
            null);
    synchronized (this) {
      store(List.of(observation));
    }
    return this;
  }

  public InMemoryStore seen(String sha1, MachineId machine) {
    return seen(sha1, null, null, machine);
  }

  /** The stored machine with this id, if any. */
  public synchronized Optional<Machine> machine(MachineId id) {
    return Optional.ofNullable(machines.get(id));
  }

  /** When {@code sha1} was first and last seen on {@code machine}, if it was. */
  public synchronized Optional<Span> span(String sha1, MachineId machine) {
    TreeMap<MachineId, Span> seenOn = sightings.get(FileHash.parse(sha1).hex());
    return Optional.ofNullable(seenOn == null ? null : seenOn.get(machine));
  }

  /** The name the observations of {@code sha1} gave the file, if any. */
  public synchronized Optional<String> fileName(String sha1) {
    FileDetails details = files.get(FileHash.parse(sha1).hex());
    return Optional.ofNullable(details == null ? null : details.name());
  }

  /** How many machines each file (by SHA-1) was seen on. */
  public synchronized Map<String, Integer> machinesPerFile() {
    Map<String, Integer> counts = new TreeMap<>();
    sightings.forEach((sha1, seenOn) -> counts.put(sha1, seenOn.size()));
    return counts;
  }

  /** How many (file, machine) pairs were seen. */
  public synchronized long sightings() {
    return sightings.values().stream().mapToLong(Map::size).sum();
  }

  /** Everything stored, comparable between two moments. */
  public synchronized Object snapshot() {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("machines", new TreeMap<>(machines));
    Map<String, Map<MachineId, Span>> copied = new TreeMap<>();
    sightings.forEach((sha1, spans) -> copied.put(sha1, new TreeMap<>(spans)));
    snapshot.put("sightings", copied);
    snapshot.put("files", new TreeMap<>(files));
    snapshot.put("progress", new TreeMap<>(progress));
    return snapshot;
  }

  @Override
  public synchronized Optional<MachineSlice> findSeenWith(
      FileHash file, GroupScope scope, Page page) {
    String sha1 = sha1Of(file);
    Map<MachineId, Span> seenOn = sha1 == null ? null : sightings.get(sha1);
    if (seenOn == null) {
      return Optional.empty();
    }
    List<Machine> visible = new ArrayList<>();
    for (MachineId id : seenOn.keySet()) {
      Machine machine = machines.get(id);
      if (machine != null && scope.includes(machine.rbacGroupId())) {
        visible.add(machine);
      }
    }
    int from = (int) Math.min(page.skip(), visible.size());
    int to = (int) Math.min((long) from + page.top(), visible.size());
    return Optional.of(new MachineSlice(visible.subList(from, to), to < visible.size()));
  }

  /** This store as the out-port machine imports write to. */
  public MachineStore machineStore() {
    return () ->
        new Session<Machine>(
            false,
            batch -> {
              long inserted = 0;
              for (Machine machine : batch) {
                inserted += machines.put(machine.id(), machine) == null ? 1 : 0;
              }
              return new StoredCounts(inserted, batch.size() - inserted);
            });
  }

  /** This store as the out-port observation imports write to. */
  public ObservationStore observationStore() {
    return () -> new Session<Observation>(true, this::store);
  }

  /**
   * What this store and {@code access} hold, as a copy reads it: a snapshot taken now, so that
   * later writes are not seen.
   */
  public synchronized StoreContents contents(InMemoryAccessDirectory access) {
    List<Machine> machineRows = new ArrayList<>(new TreeMap<>(machines).values());
    List<List<Observation>> observationRows = new ArrayList<>();
    new TreeMap<>(sightings)
        .forEach(
            (sha1, spans) -> {
              FileDetails file = files.get(sha1);
              spans.forEach(
                  (machine, span) -> {
                    List<Observation> row = new ArrayList<>();
                    row.add(observation(sha1, file, machine, span.first()));
                    if (span.last() != null && !span.last().equals(span.first())) {
                      row.add(observation(sha1, file, machine, span.last()));
                    }
                    observationRows.add(row);
                  });
            });
    AccessConfiguration configuration = access.accessConfiguration();
    return new StoreContents() {
      @Override
      public String name() {
        return "memory";
      }

      @Override
      public Rows<Machine> machines() {
        return rows(machineRows.stream().map(List::of).toList());
      }

      @Override
      public Rows<Observation> observations() {
        return rows(observationRows);
      }

      @Override
      public Optional<AccessConfiguration> accessConfiguration() {
        return configuration.configured() ? Optional.of(configuration) : Optional.empty();
      }

      @Override
      public void close() {}
    };
  }

  private static Observation observation(
      String sha1, FileDetails file, MachineId machine, Instant at) {
    return new Observation(
        FileHash.parse(sha1),
        file.sha256() == null ? null : FileHash.parse(file.sha256()),
        file.md5() == null ? null : FileHash.parse(file.md5()),
        file.name(),
        machine,
        at);
  }

  /** Rows of one or more values each. */
  private static <T> StoreContents.Rows<T> rows(List<List<T>> rows) {
    return new StoreContents.Rows<>() {
      private int row;
      private int value;

      @Override
      public T next() {
        while (row < rows.size() && value == rows.get(row).size()) {
          row++;
          value = 0;
        }
        return row == rows.size() ? null : rows.get(row).get(value++);
      }

      @Override
      public long rowsRead() {
        return row;
      }

      @Override
      public long rowsTotal() {
        return rows.size();
      }

      @Override
      public void close() {}
    };
  }

  /** The smallest SHA-1 of a file with this SHA-256 or MD5, as the SQLite store answers. */
  private String sha1Of(FileHash file) {
    switch (file.algorithm()) {
      case SHA1:
        return file.hex();
      case SHA256:
        return files.entrySet().stream()
            .filter(e -> file.hex().equals(e.getValue().sha256()))
            .map(Map.Entry::getKey)
            .min(String::compareTo)
            .orElse(null);
      default:
        return files.entrySet().stream()
            .filter(e -> file.hex().equals(e.getValue().md5()))
            .map(Map.Entry::getKey)
            .min(String::compareTo)
            .orElse(null);
    }
  }

  /** Stores one commit's observations; a (file, machine) seen several times counts once. */
  private StoredCounts store(List<Observation> observations) {
    Map<String, Map<MachineId, Span>> before = new HashMap<>();
    for (Observation o : observations) {
      String sha1 = o.sha1().hex();
      files.put(sha1, files.getOrDefault(sha1, new FileDetails(null, null, null)).with(o));
      TreeMap<MachineId, Span> seenOn = sightings.computeIfAbsent(sha1, k -> new TreeMap<>());
      Span stored = seenOn.get(o.machine());
      Map<MachineId, Span> fileBefore = before.computeIfAbsent(sha1, k -> new HashMap<>());
      if (!fileBefore.containsKey(o.machine())) {
        fileBefore.put(o.machine(), stored);
      }
      seenOn.put(o.machine(), (stored == null ? new Span(null, null) : stored).widen(o.at()));
    }
    long inserted = 0;
    long updated = 0;
    for (Map.Entry<String, Map<MachineId, Span>> file : before.entrySet()) {
      for (Map.Entry<MachineId, Span> pair : file.getValue().entrySet()) {
        if (pair.getValue() == null) {
          inserted++;
        } else if (!pair.getValue().equals(sightings.get(file.getKey()).get(pair.getKey()))) {
          updated++;
        }
      }
    }
    return new StoredCounts(inserted, updated);
  }

  /**
   * Keeps appended records until a commit applies them to the store under its lock, with the
   * progress of a resumed import.
   */
  private final class Session<T> implements ImportSession<T> {
    private final boolean resumable;
    private final Function<List<T>, StoredCounts> apply;
    private final List<T> pending = new ArrayList<>();
    private String source;
    private ResumePoint committed = ResumePoint.NONE;
    private boolean closed;

    Session(boolean resumable, Function<List<T>, StoredCounts> apply) {
      this.resumable = resumable;
      this.apply = apply;
    }

    @Override
    public ResumePoint resume(String source) {
      requireOpen();
      if (!resumable) {
        return ResumePoint.NONE;
      }
      this.source = source;
      synchronized (InMemoryStore.this) {
        committed = progress.getOrDefault(source, ResumePoint.NONE);
      }
      return committed;
    }

    @Override
    public void append(List<T> batch) {
      requireOpen();
      pending.addAll(batch);
    }

    @Override
    public StoredCounts commit(boolean last) {
      requireOpen();
      StoredCounts counts;
      synchronized (InMemoryStore.this) {
        counts = apply.apply(List.copyOf(pending));
        committed =
            new ResumePoint(committed.records() + pending.size(), committed.counts().plus(counts));
        if (source != null && last) {
          progress.remove(source);
        } else if (source != null) {
          progress.put(source, committed);
        }
      }
      pending.clear();
      return counts;
    }

    @Override
    public void close() {
      closed = true;
      pending.clear();
    }

    private void requireOpen() {
      if (closed) {
        throw new IllegalStateException("the import session is closed");
      }
    }
  }
}
