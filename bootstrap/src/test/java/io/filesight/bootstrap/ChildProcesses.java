package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs filesight commands as child processes in a work directory, as an operator would. */
final class ChildProcesses implements AutoCloseable {
  private static final Pattern PORT =
      Pattern.compile("https?://127\\.0\\.0\\.1:(\\d+)|serving on port (\\d+)");

  private final Path workDir;
  private final List<String> launcher;
  private final List<Process> started = new ArrayList<>();
  private final java.util.Map<Process, StringBuffer> stderr =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code launcher} is the command before filesight's own arguments. */
  ChildProcesses(Path workDir, List<String> launcher) {
    this.workDir = workDir;
    this.launcher = List.copyOf(launcher);
  }

  /** {@code java -jar target/filesight.jar}, run from the bootstrap module's directory. */
  static ChildProcesses shadedJar(Path workDir) {
    return new ChildProcesses(
        workDir,
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            Path.of("target", "filesight.jar").toAbsolutePath().toString()));
  }

  /** The {@code ./filesight} launcher at the repository root, as the README uses it. */
  static ChildProcesses launcherScript(Path workDir) {
    return new ChildProcesses(
        workDir, List.of(Path.of("..", "filesight").toAbsolutePath().normalize().toString()));
  }

  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("FILESIGHT_JAVA_OPTS", "-Xmx256m");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Runs a command to completion. */
  Result run(String... args) throws Exception {
    Process process = start(args);
    process.getOutputStream().close();
    StringBuilder err = new StringBuilder();
    Thread errors =
        new Thread(
            () -> {
              try {
                err.append(
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException ignored) {
                // the process ended
              }
            });
    errors.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished: %s", List.of(args)).isTrue();
    errors.join(10_000);
    return new Result(process.exitValue(), out, err.toString());
  }

  /** Reads a server's stdout in the background until it prints its port. */
  int awaitPort(Process process) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    StringBuffer errText = new StringBuffer();
    stderr.put(process, errText);
    Thread errors =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                  errText.append(line).append('\n');
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    errors.setDaemon(true);
    errors.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        assertThat(process.isAlive()).as("server process still running").isTrue();
        continue;
      }
      Matcher matcher = PORT.matcher(line);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
      }
    }
    throw new AssertionError("the server never printed its port");
  }

  /** What a server started with {@link #awaitPort} has written to stderr so far. */
  String stderrOf(Process process) {
    StringBuffer text = stderr.get(process);
    return text == null ? "" : text.toString();
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }

  /** Exit code, stdout and stderr of a finished command. */
  record Result(int exitCode, String out, String err) {}
}
