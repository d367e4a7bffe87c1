package io.filesight.adapter.persistence;

import io.filesight.application.contract.QuotaLedgerContract;
import io.filesight.application.port.out.QuotaLedger;

/** The in-memory ledger keeps the {@link QuotaLedgerContract}. */
class InMemoryQuotaLedgerContractTest extends QuotaLedgerContract {
  @Override
  protected QuotaLedger newLedger() {
    return new InMemoryQuotaLedger();
  }
}
