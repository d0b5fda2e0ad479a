package io.chatbridge.reconcile;

import io.chatbridge.reconcile.MatchStore.StoredMatch;
import io.chatbridge.reconcile.match.Allocation;
import io.chatbridge.reconcile.match.BankLine;
import io.chatbridge.reconcile.match.SourcedInvoice;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's decisions on the matches the reconciler was not sure about: approve (it becomes a match
 * and is paid), reject (the entry stays out of automatic matching until linked by hand), or link an
 * entry to invoices by hand. Each decision locks its row, so two people clicking at once decide once.
 */
@Service
public class FinanceQueue {

    private final MatchStore matches;
    private final StatementStore statements;
    private final InvoiceSources invoices;
    private final PaymentDecisions decisions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FinanceQueue(
            MatchStore matches,
            StatementStore statements,
            InvoiceSources invoices,
            PaymentDecisions decisions,
            TransactionTemplate transaction,
            Clock clock) {
        this.matches = matches;
        this.statements = statements;
        this.invoices = invoices;
        this.decisions = decisions;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @throws DecisionException when the match does not exist or is no longer waiting */
    public void approve(long matchId, String by) {
        transaction.executeWithoutResult(status -> {
            StoredMatch match = waiting(matchId);
            matches.decide(matchId, MatchStore.MATCHED, by, clock.instant(), "; approved by " + by);
            BankLine line = statements.find(match.entryId()).orElseThrow();
            decisions.matched(matchId, line, match.claimRecordId(), matches.allocations(matchId), "admin");
        });
    }

    public void reject(long matchId, String by) {
        transaction.executeWithoutResult(status -> {
            waiting(matchId);
            matches.decide(matchId, MatchStore.REJECTED, by, clock.instant(), "; rejected by " + by);
        });
    }

    /**
     * Matches a bank entry to invoices by hand. Each invoice takes what is due on it, in the given
     * order, unless an amount is given; a proposal waiting for the entry is set aside as rejected.
     *
     * @return the new match's id
     */
    public long link(long entryId, List<InvoiceRef> refs, String claimRecordId, String by) {
        Map<String, List<io.chatbridge.reconcile.OpenInvoice>> fetched = invoices.fetch();
        Long id = transaction.execute(status -> {
            BankLine line =
                    statements.find(entryId).orElseThrow(() -> new DecisionException(404, "no bank entry " + entryId));
            List<Allocation> allocations = allocate(line, refs, invoices.stillDue(fetched));
            matches.supersede(entryId, by, clock.instant());
            long matchId = matches.insert(
                            entryId,
                            claimRecordId,
                            MatchStore.MATCHED,
                            false,
                            1.0,
                            "by-hand",
                            "linked by " + by,
                            by,
                            allocations)
                    .orElseThrow(() -> new DecisionException(409, "bank entry " + entryId + " is already matched"));
            decisions.matched(matchId, line, claimRecordId, matches.allocations(matchId), "admin");
            return matchId;
        });
        return id;
    }

    private List<Allocation> allocate(BankLine line, List<InvoiceRef> refs, List<SourcedInvoice> open) {
        if (refs == null || refs.isEmpty()) {
            throw new DecisionException(400, "name at least one invoice (source and invoiceId)");
        }
        List<Allocation> allocations = new ArrayList<>();
        BigDecimal left = line.entry().amount();
        for (InvoiceRef ref : refs) {
            SourcedInvoice invoice = open.stream()
                    .filter(i -> i.source().equals(ref.source())
                            && i.invoice().invoiceId().equals(ref.invoiceId()))
                    .findFirst()
                    .orElseThrow(() ->
                            new DecisionException(404, "no open invoice " + ref.invoiceId() + " from " + ref.source()));
            BigDecimal amount = ref.amount() != null
                    ? ref.amount()
                    : left.min(invoice.invoice().amountDue());
            if (amount.signum() <= 0 || amount.compareTo(left) > 0) {
                throw new DecisionException(400, "the bank entry has " + left + " left, not " + amount);
            }
            allocations.add(new Allocation(invoice, amount));
            left = left.subtract(amount);
        }
        return allocations;
    }

    private StoredMatch waiting(long matchId) {
        StoredMatch match = matches.findForUpdate(matchId)
                .orElseThrow(() -> new DecisionException(404, "no reconciliation match " + matchId));
        if (!MatchStore.REVIEW.equals(match.state()) && !MatchStore.AMOUNT_DIFFERS.equals(match.state())) {
            throw new DecisionException(
                    409, "match " + matchId + " is " + match.state() + ", not waiting for a decision");
        }
        return match;
    }

    /** An invoice to link an entry to; {@code amount} null means what is due on it. */
    public record InvoiceRef(String source, String invoiceId, BigDecimal amount) {}

    /** A decision that cannot be made, with the HTTP status that says why. */
    public static class DecisionException extends RuntimeException {
        private final int status;

        public DecisionException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
