package io.filesight.bootstrap.cli;

/**
 * On SIGTERM or SIGINT: drain in-flight requests, close the database, exit 0 (1 if stopping
 * failed). A plain shutdown hook would exit 143; handling the signal lets an orchestrator see a
 * clean stop.
 */
final class ShutdownOnSignal {
  private ShutdownOnSignal() {}

  /** {@code stop} drains within its own bound and closes; it may run twice. */
  static void install(Runnable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "filesight-shutdown"));
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal(name),
            signal -> new Thread(() -> stopAndExit(stop), "filesight-stop").start());
      } catch (IllegalArgumentException unsupported) {
        // The shutdown hook still drains and closes; only the exit code differs.
      }
    }
  }

  private static void stopAndExit(Runnable stop) {
    int code = 0;
    try {
      stop.run();
    } catch (RuntimeException e) {
      // Exit whatever failed: threads still held by requests must not keep the process alive.
      System.err.println("filesight: stopping failed: " + e);
      code = 1;
    }
    System.exit(code);
  }
}
