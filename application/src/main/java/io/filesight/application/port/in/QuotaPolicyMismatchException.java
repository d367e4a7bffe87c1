package io.filesight.application.port.in;

import io.filesight.domain.RateQuota;
import java.util.Objects;

/** The store holds another quota policy than the one an instance was asked to enforce. */
public final class QuotaPolicyMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RateQuota stored;
  private final transient RateQuota asked;

  public QuotaPolicyMismatchException(RateQuota stored, RateQuota asked) {
    super(
        "the store enforces the quota "
            + stored.describe()
            + " for every instance sharing it, not "
            + asked.describe());
    this.stored = Objects.requireNonNull(stored, "stored");
    this.asked = Objects.requireNonNull(asked, "asked");
  }

  public RateQuota stored() {
    return stored;
  }

  public RateQuota asked() {
    return asked;
  }
}
