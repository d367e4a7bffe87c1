package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.EnvironmentAndFileDefaults;
import io.filesight.bootstrap.lifecycle.ConfigurationCheck;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code filesight check-config}: takes every setting {@code serve} takes, from the same flags,
 * environment and configuration file, checks them as a start would, and prints the effective
 * configuration without secrets.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the configuration serve would start with: the same options, environment variables"
          + " and --config file. Validates every setting, opens the database read-only (SQLite:"
          + " the schema version and the quick check; PostgreSQL: connects once and reads the"
          + " schema version; never migrates), loads the signing keys (--jwks file or URL), and"
          + " prints the effective configuration, where each value comes from, with passwords"
          + " masked. Nothing is waited for: --db-wait and --jwks-wait apply to serve only.",
      "Exits 0 when serve would start, 2 for a bad setting, 1 when the database or the key"
          + " endpoint cannot be reached or read now."
    })
public final class CheckConfigCommand extends ServeCommand {
  /** Options whose values are never printed. */
  private static final Pattern SECRET = Pattern.compile("password|secret|token|credential");

  static final String MASK = "***";

  @Override
  public Integer call() {
    ServerSettings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    printEffectiveConfiguration(out, settings);
    for (String finding : ConfigurationCheck.run(settings)) {
      out.println(finding);
    }
    out.println("ok: serve would start with this configuration");
    return FilesightCli.OK;
  }

  private void printEffectiveConfiguration(PrintWriter out, ServerSettings settings) {
    ParseResult parsed = spec.commandLine().getParseResult();
    EnvironmentAndFileDefaults defaults =
        spec.commandLine().getDefaultValueProvider() instanceof EnvironmentAndFileDefaults d
            ? d
            : null;
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String name = option.longestName().replaceFirst("^-+", "");
      String origin;
      String value;
      if (name.equals("config")) {
        // The file is read before parsing, from the flag or FILESIGHT_CONFIG.
        boolean flagged = parsed.hasMatchedOption(option);
        boolean read = defaults != null && defaults.filePath() != null;
        origin = flagged ? "flag" : read ? "FILESIGHT_CONFIG" : "default";
        value = read ? defaults.filePath().toString() : "(not set)";
      } else {
        origin =
            parsed.hasMatchedOption(option)
                ? "flag"
                : defaults == null ? "default" : defaults.origin(option);
        value = name.equals("db") ? settings.database().describe() : shown(name, option.getValue());
      }
      out.printf(Locale.ROOT, "%s = %s  [%s]%n", name, value, origin);
    }
    if (settings.database() instanceof DatabaseLocation.Postgres postgres) {
      out.println("db-user = " + (postgres.user() == null ? "(not set)" : postgres.user()));
      out.println("db-password = " + (postgres.hasPassword() ? MASK : "(not set)"));
    }
    out.println("accepted audiences = " + String.join(", ", settings.tokens().audiences()));
    out.println("cached machines = " + settings.cachedMachines());
    out.println("effective quota = " + settings.quota().describe());
  }

  private static String shown(String name, Object value) {
    if (value == null) {
      return "(not set)";
    }
    if (SECRET.matcher(name).find()) {
      return MASK;
    }
    if (value instanceof Collection<?> values) {
      return values.isEmpty()
          ? "(not set)"
          : String.join(",", values.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
