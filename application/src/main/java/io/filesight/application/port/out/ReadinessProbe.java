package io.filesight.application.port.out;

/** Secondary port: one dependency (the store, the key set) that must work before serving. */
public interface ReadinessProbe {

  /** A short name for reports, e.g. {@code database}. */
  String name();

  /**
   * Checks the dependency quickly.
   *
   * @throws RuntimeException describing the problem when it is not ready
   */
  void check();
}
