package io.chatbridge.reconcile.match;

import io.chatbridge.reconcile.match.Matcher.RefKind;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What speaks for one bank entry paying one set of invoices, as a score and as words. Weights: the
 * invoice number 0.6 (0.4 one typo away or digits only), the amount 0.3 (0.25 rounding, 0.15 a part),
 * the payer's name 0.2, a claim of the same money within the date window 0.2, the claim's phone being
 * the invoice contact's 0.2, the claim quoting the invoice 0.4 when the bank text did not (scores above 1 only rank rivals; 1 is shown). A part
 * payment is automatic only when the name or the phone says it is the same customer.
 */
final class Evidence {

    private final MatchSettings settings;
    private final BankLine line;
    private final List<SourcedInvoice> targets;
    private final RefKind ref;
    private final String token;
    private final AmountFit fit;
    private final BigDecimal due;
    private final Claim claim;
    private final double nameSimilarity;
    private final boolean phoneLink;
    private final boolean claimQuotes;
    private final boolean claimAgrees;
    private final boolean nameConflict;

    Evidence(
            MatchSettings settings,
            BankLine line,
            List<SourcedInvoice> targets,
            RefKind ref,
            String token,
            AmountFit fit,
            BigDecimal due,
            Claim claim) {
        this.settings = settings;
        this.line = line;
        this.targets = targets;
        this.ref = ref;
        this.token = token;
        this.fit = fit;
        this.due = due;
        this.claim = claim;
        SourcedInvoice first = targets.get(0);
        this.nameSimilarity =
                Names.similarity(line.entry().counterparty(), first.invoice().contactName());
        this.phoneLink = claim != null
                && claim.phone() != null
                && claim.phone().equals(first.invoice().contactPhone());
        this.claimQuotes = claim != null
                && claim.reference() != null
                && References.tokens(claim.reference())
                        .contains(References.normalize(first.invoice().invoiceNumber()));
        this.nameConflict = namesConflict(line.entry(), first);
        this.claimAgrees = claim != null
                && claim.amount() != null
                && claim.amount().compareTo(line.entry().amount()) == 0
                && (claim.paidOn() == null || daysApart(claim, line) <= settings.dateWindowDays());
    }

    double score() {
        double score =
                switch (ref) {
                    case EXACT -> 0.6;
                    case DIGITS -> 0.5;
                    case TYPO -> 0.4;
                    case NONE -> claimQuotes ? 0.4 : 0;
                };
        score += switch (fit) {
            case EQUAL -> 0.3;
            case ROUNDING -> 0.25;
            case PART -> 0.15;
            case SHORT, OVER -> 0;
        };
        if (nameSimilarity >= 0.85) {
            score += 0.2;
        } else if (nameSimilarity >= 0.7) {
            score += 0.1;
        }
        if (claimAgrees) {
            score += 0.2;
        }
        if (phoneLink) {
            score += 0.2;
        }
        if (nameConflict && !claimAgrees) {
            score -= 0.1;
        }
        if (fit == AmountFit.PART && nameSimilarity < 0.85 && !phoneLink) {
            score = Math.min(score, settings.autoScore() - 0.01);
        }
        if (fit == AmountFit.SHORT || fit == AmountFit.OVER) {
            score = Math.min(score, 0.75);
        }
        // not capped at 1 here: more evidence must still outrank less when two invoices compete
        return Math.round(score * 100) / 100.0;
    }

    MatchKind kind(double score) {
        if (fit == AmountFit.SHORT || fit == AmountFit.OVER) {
            return MatchKind.AMOUNT_DIFFERS;
        }
        return score >= settings.autoScore() ? MatchKind.AUTOMATIC : MatchKind.REVIEW;
    }

    String rule() {
        if (targets.size() > 1) {
            return "several-invoices";
        }
        if (ref != RefKind.NONE) {
            return fit == AmountFit.PART ? "reference-part-payment" : "reference";
        }
        if (phoneLink) {
            return "amount-phone";
        }
        return claimQuotes ? "claim-reference" : "amount-name-date";
    }

    String explanation() {
        List<String> parts = new ArrayList<>();
        parts.add(referenceWords());
        parts.add(amountWords());
        if (nameSimilarity >= 0.7) {
            parts.add("payer '" + line.entry().counterparty() + "' like '"
                    + targets.get(0).invoice().contactName() + "' (" + decimal(nameSimilarity) + ")");
        }
        if (claim != null) {
            String days = claim.paidOn() == null ? "" : ", " + dayWords(daysApart(claim, line));
            parts.add("claim " + claim.recordId() + (claimAgrees ? " of the same amount" : "") + days);
        }
        if (phoneLink) {
            parts.add("customer's phone is the invoice contact's");
        }
        return String.join("; ", parts);
    }

    private String referenceWords() {
        String numbers = String.join(
                " and ", targets.stream().map(t -> t.invoice().invoiceNumber()).toList());
        return switch (ref) {
            case EXACT -> "reference " + numbers + " in remittance info";
            case TYPO -> "reference " + token + " in remittance info is one typo from " + numbers;
            case DIGITS -> "number " + token + " in remittance info is " + numbers;
            case NONE -> claimQuotes ? "no reference at the bank; the customer quoted " + numbers : "no reference";
        };
    }

    private String amountWords() {
        BigDecimal received = line.entry().amount();
        String each = targets.size() > 1 ? " (sum of " + targets.size() + " invoices)" : "";
        return switch (fit) {
            case EQUAL -> "amount equal" + each;
            case ROUNDING -> "amount " + received.toPlainString() + " rounds to " + due.toPlainString() + each;
            case PART -> "part payment: " + received.toPlainString() + " of " + due.toPlainString() + " due";
            case SHORT ->
                "amount differs: " + received.toPlainString() + " received, " + due.toPlainString()
                        + " due (fees deducted?)";
            case OVER ->
                "amount differs: " + received.toPlainString() + " received, " + due.toPlainString() + " due (overpaid)";
        };
    }

    /** The bank names a payer and it is clearly not the invoice's contact (a typo'd reference hitting another invoice). */
    static boolean namesConflict(io.chatbridge.reconcile.statement.BankEntry entry, SourcedInvoice invoice) {
        return entry.counterparty() != null
                && invoice.invoice().contactName() != null
                && Names.similarity(entry.counterparty(), invoice.invoice().contactName()) < 0.5;
    }

    static long daysApart(Claim claim, BankLine line) {
        return claim.paidOn() == null
                ? 0
                : Math.abs(ChronoUnit.DAYS.between(claim.paidOn(), line.entry().bookedOn()));
    }

    private static String dayWords(long days) {
        return days == 0 ? "same day" : days == 1 ? "1 day apart" : days + " days apart";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
