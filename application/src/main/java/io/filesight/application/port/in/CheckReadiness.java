package io.filesight.application.port.in;

import java.util.Map;

/** Primary port: can this instance answer lookups now (its store reachable, its keys loaded)? */
public interface CheckReadiness {

  /** Checks every dependency; never throws. */
  Readiness check();

  /**
   * The outcome of a readiness check.
   *
   * @param problems what is not ready, by dependency name; empty when ready
   */
  record Readiness(Map<String, String> problems) {
    public Readiness {
      problems = Map.copyOf(problems);
    }

    public boolean ready() {
      return problems.isEmpty();
    }
  }
}
