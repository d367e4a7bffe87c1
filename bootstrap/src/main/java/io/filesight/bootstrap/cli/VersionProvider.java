package io.filesight.bootstrap.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven writes into the jar manifest. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = FilesightCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "filesight " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version")
    };
  }
}
