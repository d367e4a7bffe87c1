package io.filesight.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void printsABashScriptThatCompletesEverySubcommand() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        FilesightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "completion");

    assertThat(exit).isEqualTo(FilesightCli.OK);
    assertThat(err.toString()).isEmpty();
    String script = out.toString();
    assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F");
    for (String command :
        new picocli.CommandLine(new FilesightCommand()).getSubcommands().keySet()) {
      assertThat(script).as(command).contains(command);
    }
    assertThat(script)
        .contains("serve")
        .contains("import")
        .contains("--db")
        .contains("--management-port");
  }

  @Test
  void printedScriptIsValidBash() throws Exception {
    StringWriter out = new StringWriter();
    FilesightCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "completion");
    Path script = dir.resolve("filesight-completion.bash");
    Files.writeString(script, out.toString(), StandardCharsets.UTF_8);

    Process check =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    String diagnostics = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(diagnostics).isZero();
  }
}
