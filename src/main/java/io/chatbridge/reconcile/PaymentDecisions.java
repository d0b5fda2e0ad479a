package io.chatbridge.reconcile;

import io.chatbridge.reconcile.MatchStore.StoredAllocation;
import io.chatbridge.reconcile.match.BankLine;
import io.chatbridge.record.RecordNotFoundException;
import io.chatbridge.record.RecordService;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What happens, inside the deciding transaction, when a bank entry is matched for good (automatically
 * or by a person): one {@link PaymentMatched} per invoice paid, so the Xero payment is queued in the
 * same commit, and the customer's payment record becomes {@code paid}, which sends the receipt.
 *
 * <p>The record's {@code status} is owned by {@code xero} in mappings/payment.yaml: a customer saying
 * "paid" is a claim, only the books side may make it a fact. The reconciler is that side (it decides
 * against the bank and the invoices, and its decisions become Xero payments), so an automatic match
 * writes as {@code xero}; a person's approval writes as {@code admin}.
 */
@Component
class PaymentDecisions {

    static final String PAID = "paid";
    static final String ORIGIN_RECONCILE = "xero";

    private final ApplicationEventPublisher events;
    private final RecordService records;

    PaymentDecisions(ApplicationEventPublisher events, RecordService records) {
        this.events = events;
        this.records = records;
    }

    void matched(long matchId, BankLine line, String claimRecordId, List<StoredAllocation> allocations, String origin) {
        for (StoredAllocation a : allocations) {
            events.publishEvent(new PaymentMatched(
                    matchId,
                    a.invoiceSource(),
                    a.invoiceId(),
                    a.invoiceNumber(),
                    a.amount(),
                    a.currency(),
                    line.entry().bookedOn(),
                    line.entry().bankReference(),
                    claimRecordId));
        }
        if (claimRecordId != null) {
            try {
                records.applyChange(
                        claimRecordId,
                        origin,
                        Map.of(RecordService.STATUS_FIELD, PAID),
                        "reconciliation match " + matchId);
            } catch (RecordNotFoundException e) {
                // the claim's record was deleted meanwhile: the payment still stands
            }
        }
    }
}
