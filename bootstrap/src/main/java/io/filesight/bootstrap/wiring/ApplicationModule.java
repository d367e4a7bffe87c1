package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.filesight.application.port.in.AgreeOnQuota;
import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.application.port.in.CheckReadiness;
import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.AccessTokenVerifier;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.application.port.out.ReadinessProbe;
import io.filesight.application.service.AgreeOnQuotaService;
import io.filesight.application.service.AuthenticateCallerService;
import io.filesight.application.service.CheckConnectionService;
import io.filesight.application.service.CheckReadinessService;
import io.filesight.application.service.FindRelatedMachinesService;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.util.List;

/** Wiring: the use cases over whatever out-port adapters the other modules provide. */
public final class ApplicationModule extends AbstractModule {
  private final RateQuota quota;
  private final Clock clock;

  /**
   * @param quota the quota enforced until the store's policy is agreed on ({@link AgreeOnQuota})
   */
  public ApplicationModule(RateQuota quota, Clock clock) {
    this.quota = quota;
    this.clock = clock;
  }

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
  }

  /** The quota in force: agreed on at start, followed when another instance replaces it. */
  @Provides
  @Singleton
  AgreeOnQuotaService quotaPolicy(QuotaPolicyStore store) {
    return new AgreeOnQuotaService(store, quota);
  }

  @Provides
  @Singleton
  AgreeOnQuota agreeOnQuota(AgreeOnQuotaService quotaPolicy) {
    return quotaPolicy;
  }

  @Provides
  @Singleton
  FindRelatedMachines findRelatedMachines(
      MachineRepository machines,
      AccessDirectory access,
      QuotaLedger ledger,
      AgreeOnQuotaService quotaPolicy) {
    return new FindRelatedMachinesService(machines, access, ledger, quotaPolicy, clock);
  }

  /** Connection tests count in the same ledger, so they share the lookups' quota. */
  @Provides
  @Singleton
  CheckConnection checkConnection(QuotaLedger ledger, AgreeOnQuotaService quotaPolicy) {
    return new CheckConnectionService(ledger, quotaPolicy, clock);
  }

  @Provides
  @Singleton
  AuthenticateCaller authenticateCaller(AccessTokenVerifier verifier) {
    return new AuthenticateCallerService(verifier);
  }

  @Provides
  @Singleton
  CheckReadiness checkReadiness(
      @Named("database") ReadinessProbe database, @Named("keys") ReadinessProbe keys) {
    return new CheckReadinessService(List.of(database, keys));
  }
}
