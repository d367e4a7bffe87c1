package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.DemoData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight generate}: writes realistic import files for demos and benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Writes machines, observations and access files in the import formats.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--machines",
      defaultValue = "200",
      description = "Machines (default ${DEFAULT-VALUE}).")
  int machines;

  @Option(
      names = "--files",
      defaultValue = "2000",
      description = "Distinct files (default ${DEFAULT-VALUE}).")
  int files;

  @Option(
      names = "--observations",
      defaultValue = "20000",
      description = "Observations (default ${DEFAULT-VALUE}).")
  long observations;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Same seed, same files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    if (machines < 1) {
      throw Settings.invalid("--machines", machines, "must be 1 or more");
    }
    if (files < 1) {
      throw Settings.invalid("--files", files, "must be 1 or more");
    }
    if (observations < 0) {
      throw Settings.invalid("--observations", observations, "must be 0 or more");
    }
    List<Path> generated = DemoData.generate(machines, files, observations, seed, out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("machines:     " + generated.get(0));
    stdout.println("observations: " + generated.get(1));
    stdout.println("access:       " + generated.get(2));
    return FilesightCli.OK;
  }
}
