package io.filesight.bootstrap;

import io.filesight.bootstrap.cli.FilesightCli;

/** Entry point of the runnable jar: {@code java -jar filesight.jar <command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode = FilesightCli.run(args);
    if (exitCode != 0 || !FilesightCli.keepsRunning(args)) {
      System.exit(exitCode);
    }
  }
}
