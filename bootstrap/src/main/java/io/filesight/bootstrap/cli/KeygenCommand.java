package io.filesight.bootstrap.cli;

import io.filesight.adapter.auth.DevelopmentKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight keygen}: a development signing key and the JWKS a server trusts. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = "Creates an RSA development key (signing-key.json) and its JWKS (jwks.json).")
public final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    DevelopmentKeys.generate(out);
    spec.commandLine().getOut().println("signing key: " + out.resolve("signing-key.json"));
    spec.commandLine().getOut().println("jwks:        " + out.resolve("jwks.json"));
    return FilesightCli.OK;
  }
}
