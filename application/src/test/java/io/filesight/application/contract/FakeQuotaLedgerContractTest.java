package io.filesight.application.contract;

import io.filesight.application.fake.FakeQuotaLedger;
import io.filesight.application.port.out.QuotaLedger;

/** The fake ledger keeps the {@link QuotaLedgerContract}. */
class FakeQuotaLedgerContractTest extends QuotaLedgerContract {
  @Override
  protected QuotaLedger newLedger() {
    return new FakeQuotaLedger();
  }
}
