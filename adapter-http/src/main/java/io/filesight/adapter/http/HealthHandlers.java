package io.filesight.adapter.http;

import io.filesight.application.port.in.CheckReadiness;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary adapter: liveness, readiness and start-up probes in MicroProfile Health's shape, without
 * authentication and outside any quota so that orchestrators can always ask. Bodies name the checks
 * and their status only: why a check is down goes to the log, since these endpoints are
 * unauthenticated.
 */
final class HealthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);

  static final String UP = "UP";
  static final String DOWN = "DOWN";

  /** The start-up probe's one check. */
  static final String STARTED_CHECK = "started";

  private final CheckReadiness readiness;
  private volatile boolean started;

  HealthHandlers(CheckReadiness readiness) {
    this.readiness = Objects.requireNonNull(readiness, "readiness");
  }

  /** From now on {@code /health/started} answers UP. */
  void startupFinished() {
    started = true;
  }

  /**
   * The process serves requests. No dependency is checked: a database or key endpoint outage must
   * not make an orchestrator restart a process that will recover by itself.
   */
  void live(Context ctx) {
    ctx.json(new HealthJson(UP, List.of()));
  }

  /** The store and keys work: one check per dependency. */
  void ready(Context ctx) {
    CheckReadiness.Readiness result = readiness.check();
    List<CheckJson> checks =
        result.checked().stream()
            .map(name -> new CheckJson(name, result.problems().containsKey(name) ? DOWN : UP))
            .toList();
    if (result.ready()) {
      ctx.json(new HealthJson(UP, checks));
      return;
    }
    result.problems().forEach((name, problem) -> LOG.warn("not ready: {}: {}", name, problem));
    ctx.status(503).json(new HealthJson(DOWN, checks));
  }

  /**
   * Start-up finished (listening, database migrated and opened, keys loaded once): for Kubernetes'
   * startup probe, which holds the other probes back until it passes.
   */
  void started(Context ctx) {
    String status = started ? UP : DOWN;
    ctx.status(started ? 200 : 503)
        .json(new HealthJson(status, List.of(new CheckJson(STARTED_CHECK, status))));
  }

  /** MicroProfile Health's answer: the overall status and each check's. */
  record HealthJson(String status, List<CheckJson> checks) {}

  /** One check of a probe, by name. */
  record CheckJson(String name, String status) {}
}
