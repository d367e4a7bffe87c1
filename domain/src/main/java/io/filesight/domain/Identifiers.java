package io.filesight.domain;

/** Shared checks for the opaque identifiers (tenant, application, user) that tokens carry. */
final class Identifiers {
  private Identifiers() {}

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
