package io.filesight.bootstrap.cli;

import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.application.port.in.CheckReadiness;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Permission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A child process for {@link StopUnderOverloadTest}: the real HTTP server and signal handling, with
 * lookups that never end and a bound of 2 handled plus 2 waiting requests. It prints {@code port
 * N}, then {@code entered} each time a lookup starts.
 */
public final class StuckServerMain {
  private StuckServerMain() {}

  public static void main(String[] args) {
    Duration stopTimeout = Duration.parse(args[0]);
    FilesightHttpServer server =
        new FilesightHttpServer(
            (caller, fileId, page) -> {
              System.out.println("entered");
              System.out.flush();
              while (true) {
                try {
                  Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                  // Stuck for good, as a request blocked in a native call would be.
                }
              }
            },
            caller -> {},
            authorization ->
                new ApplicationCaller("tenant", "app", Set.of(Permission.MACHINE_READ_ALL)),
            () -> new CheckReadiness.Readiness(Map.of()),
            HttpSettings.defaults()
                .withPort(0)
                .withStopTimeout(stopTimeout)
                .withMaxConcurrentRequests(2)
                .withMaxQueuedRequests(2));
    server.start();
    ShutdownOnSignal.install(server::stop);
    System.out.println("port " + server.port());
    System.out.flush();
  }
}
