package io.filesight.bootstrap.cli;

import picocli.CommandLine.Command;

/** The {@code filesight} command: on which machines was this file seen? */
@Command(
    name = "filesight",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A Microsoft Defender for Endpoint compatible 'file related machines' service.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      CopyCommand.class,
      VerifyCommand.class,
      BackupCommand.class,
      CheckConfigCommand.class,
      HealthCommand.class,
      GenerateCommand.class,
      TokenCommand.class,
      KeygenCommand.class,
      CompletionCommand.class
    })
public final class FilesightCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }
}
