package io.filesight.application.service;

import io.filesight.application.port.in.CheckReadiness;
import io.filesight.application.port.out.ReadinessProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Use case: asks every readiness probe and reports the ones that fail. */
public final class CheckReadinessService implements CheckReadiness {
  private final List<ReadinessProbe> probes;

  public CheckReadinessService(List<ReadinessProbe> probes) {
    this.probes = List.copyOf(probes);
  }

  @Override
  public Readiness check() {
    Map<String, String> problems = new LinkedHashMap<>();
    List<String> checked = new ArrayList<>();
    for (ReadinessProbe probe : probes) {
      checked.add(probe.name());
      try {
        probe.check();
      } catch (RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        problems.put(probe.name(), message);
      }
    }
    return new Readiness(checked, problems);
  }
}
