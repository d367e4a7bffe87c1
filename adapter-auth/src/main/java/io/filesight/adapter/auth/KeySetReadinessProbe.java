package io.filesight.adapter.auth;

import io.filesight.application.port.out.ReadinessProbe;
import java.util.Objects;

/** Secondary adapter: ready once the token verifier holds at least one signing key. */
public final class KeySetReadinessProbe implements ReadinessProbe {
  private final NimbusAccessTokenVerifier verifier;

  public KeySetReadinessProbe(NimbusAccessTokenVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public String name() {
    return "keys";
  }

  @Override
  public void check() {
    verifier.requireSigningKeys();
  }
}
