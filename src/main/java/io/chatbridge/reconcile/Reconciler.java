package io.chatbridge.reconcile;

import io.chatbridge.reconcile.match.BankLine;
import io.chatbridge.reconcile.match.Claim;
import io.chatbridge.reconcile.match.MatchKind;
import io.chatbridge.reconcile.match.Matcher;
import io.chatbridge.reconcile.match.Proposal;
import io.chatbridge.reconcile.match.SourcedInvoice;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One reconciliation run: undecided bank credits against open claims and invoices. Runs after every
 * import and on a timer (route {@code reconcile}); one instance at a time (a PostgreSQL advisory
 * lock), so two instances never match the same entry or pay an invoice twice. Proposals above the
 * score threshold are matched at once; the rest wait in the finance queue.
 */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final long LOCK = 0x7265636f6e63L; // "reconc"

    private final StatementStore statements;
    private final ClaimStore claims;
    private final InvoiceSources invoices;
    private final MatchStore matches;
    private final PaymentDecisions decisions;
    private final PaymentsProperties properties;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    Reconciler(
            StatementStore statements,
            ClaimStore claims,
            InvoiceSources invoices,
            MatchStore matches,
            PaymentDecisions decisions,
            PaymentsProperties properties,
            TransactionTemplate transaction,
            JdbcClient jdbc) {
        this.statements = statements;
        this.claims = claims;
        this.invoices = invoices;
        this.matches = matches;
        this.decisions = decisions;
        this.properties = properties;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** @return what the run decided; {@link ReconcileRun#skipped()} when another instance is running one */
    public ReconcileRun reconcile() {
        var fetched = invoices.fetch();
        ReconcileRun run = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(LOCK)
                    .query(Boolean.class)
                    .single())) {
                return ReconcileRun.skipped();
            }
            return decide(statements.undecidedCredits(), claims.openClaims(), invoices.stillDue(fetched));
        });
        if (run.proposals() > 0) {
            log.info("Reconciled: {} matched, {} for review", run.matched(), run.forReview());
        }
        return run;
    }

    private ReconcileRun decide(List<BankLine> lines, List<Claim> open, List<SourcedInvoice> due) {
        List<Proposal> proposals = new Matcher(properties.matchSettings()).match(lines, open, due);
        int matched = 0;
        for (Proposal p : proposals) {
            boolean automatic = p.kind() == MatchKind.AUTOMATIC;
            String state =
                    switch (p.kind()) {
                        case AUTOMATIC -> MatchStore.MATCHED;
                        case REVIEW -> MatchStore.REVIEW;
                        case AMOUNT_DIFFERS -> MatchStore.AMOUNT_DIFFERS;
                    };
            String claim = p.claim() == null ? null : p.claim().recordId();
            Optional<Long> id = matches.insert(
                    p.line().id(),
                    claim,
                    state,
                    automatic,
                    p.score(),
                    p.rule(),
                    p.explanation(),
                    automatic ? "automatic" : null,
                    p.allocations());
            if (automatic && id.isPresent()) {
                decisions.matched(
                        id.get(), p.line(), claim, matches.allocations(id.get()), PaymentDecisions.ORIGIN_RECONCILE);
                matched++;
            }
        }
        return new ReconcileRun(lines.size(), proposals.size(), matched, proposals.size() - matched, false);
    }

    /**
     * @param entries undecided bank credits looked at
     * @param proposals entries that fit something
     * @param matched matched automatically
     * @param forReview waiting in the finance queue
     */
    public record ReconcileRun(int entries, int proposals, int matched, int forReview, boolean wasSkipped) {
        static ReconcileRun skipped() {
            return new ReconcileRun(0, 0, 0, 0, true);
        }
    }
}
