package io.filesight.adapter.http;

import io.filesight.domain.FileHash;

/** The file was never seen in the tenant and the setting says to answer 404. */
final class FileNotSeenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FileHash file;

  FileNotSeenException(FileHash file) {
    super("File " + file.hex() + " was not found");
    this.file = file;
  }

  FileHash file() {
    return file;
  }
}
