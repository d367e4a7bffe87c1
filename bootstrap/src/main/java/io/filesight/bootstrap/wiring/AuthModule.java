package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.filesight.adapter.auth.KeySetReadinessProbe;
import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.application.port.out.AccessTokenVerifier;
import io.filesight.application.port.out.ReadinessProbe;

/** Wiring: bearer tokens verified against the configured tenant, audiences and key set. */
public final class AuthModule extends AbstractModule {
  private final TokenSettings settings;

  public AuthModule(TokenSettings settings) {
    this.settings = settings;
  }

  @Provides
  @Singleton
  NimbusAccessTokenVerifier nimbusVerifier() {
    return new NimbusAccessTokenVerifier(settings);
  }

  @Provides
  @Singleton
  AccessTokenVerifier accessTokenVerifier(NimbusAccessTokenVerifier verifier) {
    return verifier;
  }

  @Provides
  @Singleton
  @Named("keys")
  ReadinessProbe keysReadiness(NimbusAccessTokenVerifier verifier) {
    return new KeySetReadinessProbe(verifier);
  }
}
