package io.filesight.benchmarks;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.util.Map;

/**
 * The footprint baseline: {@link BareRoute} alone in its own JVM, answering every id with one
 * answer of filesight's. {@code --response FILE --port N}.
 */
public final class BareServer {
  private BareServer() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    byte[] body = Files.readAllBytes(args.path("response"));
    Javalin bare = BareRoute.start(args.integer("port"), Map.of(), body, config -> {});
    Runtime.getRuntime().addShutdownHook(new Thread(bare::stop));
  }
}
