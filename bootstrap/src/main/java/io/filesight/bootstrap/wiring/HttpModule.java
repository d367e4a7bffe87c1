package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.application.port.in.CheckReadiness;
import io.filesight.application.port.in.FindRelatedMachines;

/** Wiring: the Defender-compatible HTTP server over the in-ports (started by the lifecycle). */
public final class HttpModule extends AbstractModule {
  private final HttpSettings settings;

  public HttpModule(HttpSettings settings) {
    this.settings = settings;
  }

  @Provides
  @Singleton
  FilesightHttpServer httpServer(
      FindRelatedMachines find,
      CheckConnection connectionTest,
      AuthenticateCaller authenticate,
      CheckReadiness readiness) {
    return new FilesightHttpServer(find, connectionTest, authenticate, readiness, settings);
  }
}
