package io.filesight.adapter.http;

import io.filesight.application.port.in.CheckReadiness;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary adapter: liveness and readiness probes, without authentication and outside any quota so
 * that orchestrators can always ask.
 */
final class HealthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);

  private final CheckReadiness readiness;

  HealthHandlers(CheckReadiness readiness) {
    this.readiness = Objects.requireNonNull(readiness, "readiness");
  }

  /** The process serves requests. */
  void live(Context ctx) {
    ctx.json(new HealthJson("UP", List.of()));
  }

  /**
   * The store and keys work. Problems are named in the body but their messages go to the log only,
   * since this endpoint is unauthenticated.
   */
  void ready(Context ctx) {
    CheckReadiness.Readiness result = readiness.check();
    if (result.ready()) {
      ctx.json(new HealthJson("UP", List.of()));
      return;
    }
    result.problems().forEach((name, problem) -> LOG.warn("not ready: {}: {}", name, problem));
    ctx.status(503)
        .json(new HealthJson("DOWN", result.problems().keySet().stream().sorted().toList()));
  }

  /** The probe answer: {@code UP} or {@code DOWN} and the dependencies that are not ready. */
  record HealthJson(String status, List<String> failing) {}
}
