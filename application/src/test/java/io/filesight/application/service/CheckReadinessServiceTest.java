package io.filesight.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.in.CheckReadiness.Readiness;
import io.filesight.application.port.out.ReadinessProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReadinessServiceTest {

  private static ReadinessProbe probe(String name, RuntimeException failure) {
    return new ReadinessProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() {
        if (failure != null) {
          throw failure;
        }
      }
    };
  }

  @Test
  void readyWhenEveryProbePasses() {
    Readiness readiness =
        new CheckReadinessService(List.of(probe("database", null), probe("keys", null))).check();

    assertThat(readiness.ready()).isTrue();
  }

  @Test
  void reportsEachFailingProbeByName() {
    Readiness readiness =
        new CheckReadinessService(
                List.of(
                    probe("database", new IllegalStateException("database is locked")),
                    probe("keys", null)))
            .check();

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.problems())
        .containsExactly(java.util.Map.entry("database", "database is locked"));
  }
}
