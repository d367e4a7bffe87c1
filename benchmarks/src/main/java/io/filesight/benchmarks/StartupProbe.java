package io.filesight.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 7, start-up: launches a server command and polls {@code URL} every 5 ms until it
 * answers 200; reports the time from launch to that first successful request, and leaves the server
 * running (its pid goes to {@code --pid FILE}).
 *
 * <p>{@code --url URL [--token FILE] --log FILE --pid FILE --port FILE --label L --results FILE --
 * COMMAND...}
 */
public final class StartupProbe {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private StartupProbe() {}

  public static void main(String[] argv) throws Exception {
    int separator = Arrays.asList(argv).indexOf("--");
    Args args = new Args(Arrays.copyOfRange(argv, 0, separator));
    int port = freePort();
    List<String> command = new ArrayList<>();
    for (String word : Arrays.asList(argv).subList(separator + 1, argv.length)) {
      command.add(word.replace("{port}", Integer.toString(port)));
    }
    String token = args.text("token", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(args.text("url").replace("{port}", Integer.toString(port))));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + Files.readAllLines(Path.of(token)).get(0));
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    // Warm the client first, so its own start-up is not charged to the server.
    try {
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException expected) {
      // Nothing listens yet.
    }

    File log = args.path("log").toFile();
    long start = System.nanoTime();
    Process server =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    Files.writeString(args.path("pid"), server.pid() + "\n", StandardCharsets.UTF_8);
    Files.writeString(args.path("port"), port + "\n", StandardCharsets.UTF_8);
    long deadline = start + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + server.exitValue() + ": see " + log);
      }
      try {
        if (client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          double millis = (System.nanoTime() - start) / 1e6;
          new Results(args.path("results")).put("startup." + args.text("label") + ".ms", millis);
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    server.destroy();
    throw new IllegalStateException("no successful request within " + LIMIT + ": see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
