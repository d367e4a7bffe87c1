package io.filesight.adapter.http;

import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.domain.Caller;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MissingPermissionException;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.PermissionGrant;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stubbed in-port: checks in Defender's order like the real use case, with the decisions taken from
 * the test's setup instead of a ledger and a directory.
 */
final class StubFind implements FindRelatedMachines {
  /** What the stub was asked, for assertions. */
  record Call(Caller caller, String fileId, Page page) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<FileHash, List<Machine>> seen = new ConcurrentHashMap<>();
  private volatile long retryAfterSeconds = -1;
  private volatile RuntimeException failure;

  StubFind seen(FileHash file, List<Machine> machines) {
    seen.put(file, new ArrayList<>(machines));
    return this;
  }

  /** Forgets the calls and any quota or failure setup; keeps the files seen. */
  StubFind reset() {
    calls.clear();
    retryAfterSeconds = -1;
    failure = null;
    return this;
  }

  StubFind overQuota(long retryAfter) {
    this.retryAfterSeconds = retryAfter;
    return this;
  }

  StubFind failingWith(RuntimeException e) {
    this.failure = e;
    return this;
  }

  @Override
  public RelatedMachines find(Caller caller, String fileId, Page page) {
    calls.add(new Call(caller, fileId, page));
    if (failure != null) {
      throw failure;
    }
    if (retryAfterSeconds >= 0) {
      throw new QuotaExceededException(
          caller.quotaKey(),
          new QuotaDecision.Rejected(
              new RateLimit(100, Duration.ofSeconds(60)), retryAfterSeconds));
    }
    if (caller.permissions().isEmpty()) {
      throw new MissingPermissionException(
          PermissionGrant.APPLICATION,
          List.of(Permission.MACHINE_READ_ALL, Permission.MACHINE_READ_WRITE_ALL));
    }
    FileHash file = FileHash.parse(fileId);
    List<Machine> machines = seen.get(file);
    if (machines == null) {
      return new RelatedMachines.UnknownFile(file);
    }
    int from = (int) Math.min(page.skip(), machines.size());
    int to = (int) Math.min(page.skip() + page.top(), machines.size());
    Optional<Page> next = to < machines.size() ? Optional.of(page.next()) : Optional.empty();
    return new RelatedMachines.Found(file, machines.subList(from, to), next);
  }
}
