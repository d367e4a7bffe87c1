package io.filesight.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM ends an overloaded server whose requests never finish: within the stop timeout and a
 * margin, with exit code 0, rather than leaving the process alive on the stuck requests' threads.
 */
class StopUnderOverloadTest {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void sigtermEndsAServerWhoseRequestsNeverFinish() throws Exception {
    Process child = start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String first = lineStartingWith(out, "port ");
      URI lookup =
          URI.create(
              "http://127.0.0.1:"
                  + first.substring("port ".length())
                  + "/api/files/4388963aaa83afe2042a46a3c017ad50bdcdafb3/machines");
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
      // 2 handled, 2 waiting, the rest shed.
      for (int i = 0; i < 8; i++) {
        requests.add(
            client.sendAsync(
                HttpRequest.newBuilder(lookup).header("Authorization", "Bearer x").build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      lineStartingWith(out, "entered");
      lineStartingWith(out, "entered");
      // Keeps reading, so that the child never blocks writing its log.
      Thread drain = new Thread(() -> drain(out));
      drain.setDaemon(true);
      drain.start();

      child.destroy(); // SIGTERM

      // Far beyond the 2 s stop timeout and Jetty's own wait for its threads; a process left
      // alive by its stuck requests never ends.
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(child.exitValue()).isZero();
      for (CompletableFuture<HttpResponse<String>> request : requests) {
        // Answered (503 when shed or refused while stopping) or cut; never a 500.
        Integer status = request.handle((r, e) -> r == null ? null : r.statusCode()).get();
        assertThat(Optional.ofNullable(status)).isNotEqualTo(Optional.of(500));
      }
    } finally {
      child.destroyForcibly();
    }
  }

  /** The next line of the child's output starting with {@code prefix}; log lines are skipped. */
  private static String lineStartingWith(BufferedReader out, String prefix) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("the child ended before printing '" + prefix + "'");
  }

  private static void drain(BufferedReader out) {
    try {
      out.transferTo(Writer.nullWriter());
    } catch (java.io.IOException ended) {
      // The child is gone.
    }
  }

  private static Process start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(StuckServerMain.class.getName());
    command.add(STOP_TIMEOUT.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
