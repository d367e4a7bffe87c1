package io.filesight.bootstrap.cli;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.bootstrap.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight token}: mints a development token signed with a local key. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an Azure AD style access token signed with a development key.",
      "Application token: --app-id APP --role Machine.Read.All;"
          + " delegated token: --user OID --scope Machine.Read --group GID."
    })
public final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      defaultValue = DemoCommand.DEFAULT_DIR + "/keys",
      paramLabel = "DIR",
      description = "Directory with signing-key.json (default ${DEFAULT-VALUE}).")
  Path key;

  @Option(
      names = "--tenant",
      defaultValue = DemoCommand.DEMO_TENANT,
      description = "Tenant id (tid).")
  String tenant;

  @Option(
      names = "--app-id",
      defaultValue = DemoCommand.DEMO_APP,
      description = "Client application id.")
  String appId;

  @Option(
      names = "--role",
      description = "Application permission (repeatable; default Machine.Read.All).")
  List<String> roles;

  @Option(
      names = "--user",
      paramLabel = "OID",
      description = "Make a delegated token for this user.")
  String user;

  @Option(
      names = "--scope",
      description = "Delegated permission (repeatable; default Machine.Read).")
  List<String> scopes;

  @Option(names = "--group", paramLabel = "GID", description = "User group id (repeatable).")
  List<String> groups;

  @Option(names = "--expires-in", defaultValue = "1h", description = "Lifetime, e.g. 15m, 1h, 12h.")
  String expiresIn;

  @Override
  public Integer call() {
    Duration lifetime = Settings.duration("--expires-in", expiresIn);
    Settings.required("--tenant", tenant);
    Settings.required("--app-id", appId);
    if (!java.nio.file.Files.isReadable(key.resolve("signing-key.json"))) {
      throw Settings.invalid(
          "--key",
          key,
          "no signing-key.json there (run 'filesight keygen --out DIR' or 'filesight demo')");
    }
    DevelopmentTokens tokens = new DevelopmentTokens(DevelopmentKeys.load(key));
    String token;
    if (user != null) {
      if (roles != null) {
        throw Settings.invalid(
            "--role", roles, "a delegated token (--user) takes --scope, not --role");
      }
      token =
          tokens.delegated(
              tenant,
              appId,
              user,
              scopes == null ? List.of("Machine.Read") : scopes,
              groups == null ? List.of() : groups,
              lifetime);
    } else {
      if (scopes != null || groups != null) {
        throw Settings.invalid("--user", "", "--scope and --group need --user (a delegated token)");
      }
      token =
          tokens.application(
              tenant, appId, roles == null ? List.of("Machine.Read.All") : roles, lifetime);
    }
    spec.commandLine().getOut().println(token);
    return FilesightCli.OK;
  }
}
