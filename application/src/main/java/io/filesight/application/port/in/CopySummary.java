package io.filesight.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What a copy did, step by step; {@code access} is empty when the other store had no access
 * configuration to copy.
 */
public record CopySummary(
    ImportSummary machines, ImportSummary observations, Optional<ImportSummary> access) {

  public CopySummary {
    Objects.requireNonNull(machines, "machines");
    Objects.requireNonNull(observations, "observations");
    Objects.requireNonNull(access, "access");
  }
}
