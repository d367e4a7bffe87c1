package io.filesight.bootstrap.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line gets its value: the environment variable {@code
 * FILESIGHT_<NAME>} (e.g. {@code FILESIGHT_DB} for {@code --db}), then the key {@code <name>} of
 * the configuration file ({@code --config FILE} or {@code FILESIGHT_CONFIG}, Java properties
 * format), then the built-in default. So the precedence is flag &gt; environment &gt; file &gt;
 * default.
 */
public final class EnvironmentAndFileDefaults implements IDefaultValueProvider {
  private final Map<String, String> environment;
  private final Properties file;
  private final Path filePath;

  EnvironmentAndFileDefaults(Map<String, String> environment, Properties file, Path filePath) {
    this.environment = Map.copyOf(environment);
    this.file = file;
    this.filePath = filePath;
  }

  /** Reads the configuration file named by {@code --config} in {@code args} or the environment. */
  public static EnvironmentAndFileDefaults fromArgs(
      Map<String, String> environment, String[] args) {
    String config = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        config = args[i].substring("--config=".length());
      }
    }
    if (config == null) {
      config = environment.get("FILESIGHT_CONFIG");
    }
    Properties properties = new Properties();
    Path path = null;
    if (config != null && !config.isBlank()) {
      path = Path.of(config);
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigurationException(
            "config: cannot read configuration file " + path + ": " + e.getMessage(), e);
      }
    }
    return new EnvironmentAndFileDefaults(environment, properties, path);
  }

  /** The environment variable for an option, e.g. {@code FILESIGHT_UNKNOWN_FILE}. */
  public static String environmentVariable(String optionName) {
    return "FILESIGHT_"
        + optionName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.longestName().equals("--config")) {
      return argSpec.defaultValue();
    }
    String name = option.longestName();
    String fromEnvironment = environment.get(environmentVariable(name));
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return fromEnvironment;
    }
    String fromFile = file.getProperty(name.replaceFirst("^-+", ""));
    if (fromFile != null) {
      return fromFile.strip();
    }
    return argSpec.defaultValue();
  }

  /**
   * A value that has no flag, such as a password, which {@code ps} would show: the environment
   * variable {@code FILESIGHT_<NAME>}, else the configuration file's key {@code <name>}, else null.
   */
  public String unflagged(String name) {
    String fromEnvironment = environment.get(environmentVariable(name));
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return fromEnvironment;
    }
    String fromFile = file.getProperty(name);
    return fromFile == null ? null : fromFile.strip();
  }

  /**
   * Where an option not given on the command line takes its value from: its environment variable,
   * the configuration file's key, or {@code default}.
   */
  public String origin(OptionSpec option) {
    String name = option.longestName();
    String variable = environmentVariable(name);
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return variable;
    }
    String key = name.replaceFirst("^-+", "");
    if (filePath != null && file.getProperty(key) != null) {
      return filePath + " (" + key + ")";
    }
    return "default";
  }

  /** The configuration file in use, if any, for messages. */
  public Path filePath() {
    return filePath;
  }
}
