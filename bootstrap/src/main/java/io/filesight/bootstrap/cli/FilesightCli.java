package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.EnvironmentAndFileDefaults;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line: exit 0 on success, 2 on bad usage or configuration, 1 on a runtime
 * failure; errors go to stderr as one line, results to stdout.
 */
public final class FilesightCli {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private FilesightCli() {}

  /**
   * Runs {@code args} and returns the exit code; {@code serve} and {@code demo} return once
   * listening.
   */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(System.getenv(), out, err, args);
  }

  /** Runs {@code args} with {@code environment} standing for the process environment. */
  public static int run(
      Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine;
    try {
      commandLine = commandLine(environment, args);
    } catch (ConfigurationException e) {
      err.println("filesight: " + e.getMessage());
      return USAGE;
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof ConfigurationException) {
            cmd.getErr().println("filesight: " + exception.getMessage());
            return USAGE;
          }
          cmd.getErr().println("filesight: " + oneLine(exception));
          return FAILURE;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine cmd = exception.getCommandLine();
          cmd.getErr()
              .println(
                  "filesight: "
                      + oneLine(exception)
                      + " (see '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help')");
          return USAGE;
        });
    return commandLine.execute(args);
  }

  /**
   * The command line with its defaults read from {@code environment} and the configuration file
   * that {@code args} or the environment names.
   *
   * @throws ConfigurationException when that file cannot be read
   */
  public static CommandLine commandLine(Map<String, String> environment, String... args) {
    CommandLine commandLine = new CommandLine(new FilesightCommand());
    commandLine.setDefaultValueProvider(EnvironmentAndFileDefaults.fromArgs(environment, args));
    return commandLine;
  }

  /** Whether the command leaves a server running after {@link #run} returns. */
  public static boolean keepsRunning(String... args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")) {
        return false;
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg.equals("serve") || arg.equals("demo");
      }
    }
    return false;
  }

  static String oneLine(Throwable exception) {
    String message = exception.getMessage();
    if (message == null || message.isBlank()) {
      message = exception.getClass().getSimpleName();
    }
    return message.replace('\n', ' ').replace('\r', ' ');
  }
}
