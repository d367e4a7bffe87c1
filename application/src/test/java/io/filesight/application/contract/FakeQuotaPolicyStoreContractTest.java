package io.filesight.application.contract;

import io.filesight.application.fake.FakeQuotaPolicyStore;
import io.filesight.application.port.out.QuotaPolicyStore;

/** The fake keeps the {@link QuotaPolicyStoreContract}, so service tests may rely on it. */
class FakeQuotaPolicyStoreContractTest extends QuotaPolicyStoreContract {
  private FakeQuotaPolicyStore last;

  @Override
  protected QuotaPolicyStore newStore() {
    last = new FakeQuotaPolicyStore();
    return last;
  }

  @Override
  protected QuotaPolicyStore sameStore() {
    return last;
  }
}
