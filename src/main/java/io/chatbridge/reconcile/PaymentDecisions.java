package io.chatbridge.reconcile;

import io.chatbridge.reconcile.MatchStore.StoredAllocation;
import io.chatbridge.reconcile.match.BankLine;
import io.chatbridge.record.RecordNotFoundException;
import io.chatbridge.record.RecordService;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
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
 * writes as {@code xero}; a person's approval writes as {@code admin}. An invoice kept as a record
 * ({@link RecordOpenInvoices}) becomes {@code paid} the same way once its matches cover it, so the
 * invoice type's {@code status} must be owned by {@code xero} too.
 */
@Component
class PaymentDecisions {

    static final String PAID = "paid";
    static final String ORIGIN_RECONCILE = "xero";

    private final ApplicationEventPublisher events;
    private final RecordService records;
    private final ObjectProvider<RecordOpenInvoices> recordInvoices;

    PaymentDecisions(
            ApplicationEventPublisher events,
            RecordService records,
            ObjectProvider<RecordOpenInvoices> recordInvoices) {
        this.events = events;
        this.records = records;
        this.recordInvoices = recordInvoices;
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
            if (RecordOpenInvoices.SOURCE.equals(a.invoiceSource())) {
                recordInvoices.ifAvailable(
                        invoices -> invoices.settle(a.invoiceId(), origin, "reconciliation match " + matchId));
            }
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
