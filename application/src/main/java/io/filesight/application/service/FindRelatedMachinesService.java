package io.filesight.application.service;

import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.AccessPolicy;
import io.filesight.domain.Caller;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Page;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Use case: finds the machines a file was seen on, within the caller's quota and visibility. */
public final class FindRelatedMachinesService implements FindRelatedMachines {
  private final MachineRepository machines;
  private final AccessDirectory accessDirectory;
  private final QuotaLedger quotaLedger;
  private final Supplier<RateQuota> quota;
  private final Clock clock;

  /** Lookups under a fixed quota. */
  public FindRelatedMachinesService(
      MachineRepository machines,
      AccessDirectory accessDirectory,
      QuotaLedger quotaLedger,
      RateQuota quota,
      Clock clock) {
    this(machines, accessDirectory, quotaLedger, fixed(quota), clock);
  }

  /** Lookups under whatever quota {@code quota} says is in force at each call. */
  public FindRelatedMachinesService(
      MachineRepository machines,
      AccessDirectory accessDirectory,
      QuotaLedger quotaLedger,
      Supplier<RateQuota> quota,
      Clock clock) {
    this.machines = Objects.requireNonNull(machines, "machines");
    this.accessDirectory = Objects.requireNonNull(accessDirectory, "accessDirectory");
    this.quotaLedger = Objects.requireNonNull(quotaLedger, "quotaLedger");
    this.quota = Objects.requireNonNull(quota, "quota");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RelatedMachines find(Caller caller, String fileId, Page page) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(page, "page");
    // Defender's order: quota, permission, id syntax, lookup.
    RateQuota inForce = quota.get();
    QuotaDecision decision = quotaLedger.admit(caller.quotaKey(), inForce, clock.instant());
    if (decision instanceof QuotaDecision.Rejected rejected) {
      throw new QuotaExceededException(caller.quotaKey(), inForce, rejected);
    }
    AccessConfiguration access =
        AccessPolicy.dependsOnAccessConfiguration(caller)
            ? accessDirectory.accessConfiguration()
            : AccessConfiguration.unconfigured();
    AccessPolicy.requireMachineRead(caller, access);
    FileHash file = FileHash.parse(fileId);
    GroupScope scope = AccessPolicy.visibleGroups(caller, access);
    Optional<MachineSlice> slice = machines.findSeenWith(file, scope, page);
    if (slice.isEmpty()) {
      return new RelatedMachines.UnknownFile(file);
    }
    Optional<Page> next = slice.get().hasMore() ? Optional.of(page.next()) : Optional.empty();
    return new RelatedMachines.Found(file, slice.get().machines(), next);
  }

  private static Supplier<RateQuota> fixed(RateQuota quota) {
    Objects.requireNonNull(quota, "quota");
    return () -> quota;
  }
}
