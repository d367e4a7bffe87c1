package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.lifecycle.FilesightServer;

/**
 * On SIGTERM or SIGINT: drain in-flight requests, close the database, exit 0. A plain shutdown hook
 * would exit 143; handling the signal lets an orchestrator see a clean stop.
 */
final class ShutdownOnSignal {
  private ShutdownOnSignal() {}

  static void install(FilesightServer server) {
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "filesight-shutdown"));
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal(name),
            signal ->
                new Thread(
                        () -> {
                          server.close();
                          System.exit(0);
                        },
                        "filesight-stop")
                    .start());
      } catch (IllegalArgumentException unsupported) {
        // The shutdown hook still drains and closes; only the exit code differs.
      }
    }
  }
}
