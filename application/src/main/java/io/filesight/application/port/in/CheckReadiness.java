package io.filesight.application.port.in;

import java.util.List;
import java.util.Map;

/** Primary port: can this instance answer lookups now (its store reachable, its keys loaded)? */
public interface CheckReadiness {

  /** Checks every dependency; never throws. */
  Readiness check();

  /**
   * The outcome of a readiness check.
   *
   * @param checked the dependencies checked, by name, in the order they were checked
   * @param problems what is not ready, by dependency name; empty when ready
   */
  record Readiness(List<String> checked, Map<String, String> problems) {
    public Readiness {
      checked = List.copyOf(checked);
      problems = Map.copyOf(problems);
      if (!checked.containsAll(problems.keySet())) {
        throw new IllegalArgumentException("a problem names a dependency that was not checked");
      }
    }

    /** Only the dependencies that have {@code problems} were checked. */
    public Readiness(Map<String, String> problems) {
      this(problems.keySet().stream().sorted().toList(), problems);
    }

    public boolean ready() {
      return problems.isEmpty();
    }
  }
}
