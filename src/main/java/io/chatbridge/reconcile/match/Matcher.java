package io.chatbridge.reconcile.match;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches bank credits to open invoices and customers' claims. Pure code: no Spring, no database, so
 * it is measured on its own (bench/README.md) and the same code runs in the service.
 *
 * <p>Rules, in order of strength: the invoice number in the remittance (exact, or one typo away);
 * several invoice numbers in one entry (it pays them all); the amount with the payer's name; the
 * amount with a claim whose phone or quoted reference leads to the invoice. A part payment keeps
 * the rest of the invoice open for the next entry. Entries are taken in booking order and every
 * automatic match uses up the invoice amount and the claim it took, so a duplicate transfer finds
 * the invoice already paid instead of paying it twice.
 */
public final class Matcher {

    static final double MIN_SCORE = 0.5;
    private static final double AMBIGUITY_GAP = 0.15;

    private final MatchSettings settings;

    public Matcher(MatchSettings settings) {
        this.settings = settings;
    }

    /**
     * @param lines bank entries not matched yet (debits are ignored)
     * @param claims claims not matched yet
     * @param invoices open invoices with what is still due on each
     * @return at most one proposal per bank entry, for the entries that fit something
     */
    public List<Proposal> match(List<BankLine> lines, List<Claim> claims, List<SourcedInvoice> invoices) {
        InvoiceIndex invoiceIndex = new InvoiceIndex(invoices);
        ClaimIndex claimIndex = new ClaimIndex(claims);
        Run run = new Run(invoiceIndex, claimIndex, invoices);
        List<BankLine> credits =
                new ArrayList<>(lines.stream().filter(l -> l.entry().isCredit()).toList());
        credits.sort(Comparator.comparing((BankLine l) -> l.entry().bookedOn()).thenComparingLong(BankLine::id));
        // the index lookups do not depend on what earlier entries used up: both cores do them first
        List<Lookup> lookups = credits.parallelStream()
                .map(line -> Lookup.of(line, invoiceIndex, claimIndex, settings.dateWindowDays()))
                .toList();
        List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < credits.size(); i++) {
            Proposal best = run.best(credits.get(i), lookups.get(i));
            if (best != null) {
                proposals.add(best);
                if (best.kind() == MatchKind.AUTOMATIC) {
                    run.consume(best);
                }
            }
        }
        return proposals;
    }

    /**
     * What the indexes hold for one entry's text, amount and date, whatever earlier entries used up:
     * found for all entries at once (in parallel); the run then decides in booking order.
     */
    private record Lookup(List<TokenHits> tokens, Set<SourcedInvoice> amountAndName, List<Claim> near) {

        static Lookup of(BankLine line, InvoiceIndex invoices, ClaimIndex claims, int window) {
            var entry = line.entry();
            String text = entry.remittance() + " " + (entry.endToEndId() == null ? "" : entry.endToEndId()) + " "
                    + (entry.counterparty() == null ? "" : entry.counterparty());
            Money amount = Money.of(entry.currency(), entry.amount());
            List<TokenHits> tokens = new ArrayList<>();
            for (String token : References.tokens(text)) {
                boolean prefixed = !Character.isDigit(token.charAt(0));
                List<SourcedInvoice> exact = inCurrency(invoices.exact(token), entry.currency());
                List<SourcedInvoice> typos = prefixed && token.length() >= 5
                        ? inCurrency(invoices.oneTypoFrom(token), entry.currency())
                        : List.of();
                List<SourcedInvoice> digits =
                        prefixed ? List.of() : inCurrency(invoices.byDigits(token), entry.currency());
                tokens.add(new TokenHits(token, prefixed, exact, typos, digits));
            }
            Set<SourcedInvoice> amountAndName = entry.counterparty() == null
                    ? Set.of()
                    : invoices.sameAmountAndNameWord(amount, entry.counterparty());
            return new Lookup(tokens, amountAndName, claims.ofAmountNear(amount, entry.bookedOn(), window));
        }

        private static List<SourcedInvoice> inCurrency(java.util.Collection<SourcedInvoice> found, String currency) {
            return found.stream().filter(i -> sameCurrency(i, currency)).toList();
        }
    }

    /** One token of an entry's text and the invoices it names: exactly, one typo away, or by its digits. */
    private record TokenHits(
            String token,
            boolean prefixed,
            List<SourcedInvoice> exact,
            List<SourcedInvoice> typos,
            List<SourcedInvoice> digits) {}

    /** The state of one matching run: what is still due and which claims are taken. */
    private final class Run {
        private final InvoiceIndex invoices;
        private final ClaimIndex claims;
        private final Map<String, BigDecimal> due = new HashMap<>();
        private final Set<String> usedClaims = new HashSet<>();
        private long nearLine = Long.MIN_VALUE;
        private List<Claim> nearClaims = List.of();
        private Lookup lookup;

        Run(InvoiceIndex invoices, ClaimIndex claims, List<SourcedInvoice> all) {
            this.invoices = invoices;
            this.claims = claims;
            all.forEach(i -> due.put(i.key(), i.invoice().amountDue()));
        }

        void consume(Proposal proposal) {
            proposal.allocations()
                    .forEach(a -> due.merge(a.invoice().key(), a.amount().negate(), BigDecimal::add));
            if (proposal.claim() != null) {
                usedClaims.add(proposal.claim().recordId());
            }
        }

        Proposal best(BankLine line, Lookup found) {
            lookup = found;
            return best(line, candidates(line));
        }

        private Proposal best(BankLine line, Candidates found) {
            List<Proposal> scored = new ArrayList<>();
            found.single.forEach((invoice, ref) -> {
                Proposal p = evaluate(line, List.of(invoice), ref, found.tokenFor(invoice));
                if (p != null) {
                    scored.add(p);
                }
            });
            if (found.exact.size() >= 2) {
                Proposal p = evaluate(line, List.copyOf(found.exact), RefKind.EXACT, null);
                if (p != null) {
                    scored.add(p);
                }
            }
            if (scored.isEmpty()) {
                return null;
            }
            scored.sort(Comparator.comparingDouble(Proposal::score).reversed());
            Proposal best = scored.get(0);
            if (scored.size() > 1 && scored.get(1).score() >= best.score() - AMBIGUITY_GAP) {
                best = ambiguous(best, scored.get(1));
            }
            return best.score() <= 1.0
                    ? best
                    : new Proposal(
                            best.line(),
                            best.claim(),
                            best.allocations(),
                            1.0,
                            best.kind(),
                            best.rule(),
                            best.explanation());
        }

        private Proposal ambiguous(Proposal best, Proposal runnerUp) {
            String numbers = String.join(
                    " + ",
                    runnerUp.allocations().stream()
                            .map(a -> a.invoice().invoice().invoiceNumber())
                            .toList());
            String explanation = best.explanation() + "; also fits " + numbers + " ("
                    + String.format(java.util.Locale.ROOT, "%.2f", Math.min(1.0, runnerUp.score())) + ")";
            MatchKind kind = best.kind() == MatchKind.AUTOMATIC ? MatchKind.REVIEW : best.kind();
            double score = Math.min(best.score(), settings.autoScore() - 0.01);
            return new Proposal(best.line(), best.claim(), best.allocations(), score, kind, best.rule(), explanation);
        }

        /**
         * An invoice number that is in the text and fits the amount settles it: typo readings and
         * amount-only readings are looked for only when it does not.
         */
        private Candidates candidates(BankLine line) {
            Candidates found = new Candidates();
            var entry = line.entry();
            boolean fittingReference = false;
            for (TokenHits hits : lookup.tokens()) {
                String token = hits.token();
                List<SourcedInvoice> exact = hits.exact();
                exact.forEach(i -> {
                    found.add(i, RefKind.EXACT, token);
                    found.exact.add(i);
                });
                boolean fits = exact.stream()
                        .anyMatch(i -> fitsInFull(i, entry.amount()) && !Evidence.namesConflict(entry, i));
                fittingReference |= fits;
                if (fits) {
                    continue;
                }
                if (hits.prefixed()) {
                    hits.typos().forEach(i -> found.add(i, RefKind.TYPO, token));
                } else if (exact.isEmpty()) {
                    hits.digits().forEach(i -> found.add(i, RefKind.DIGITS, token));
                }
            }
            if (fittingReference || found.exact.size() >= 2) {
                return found;
            }
            lookup.amountAndName().forEach(i -> found.add(i, RefKind.NONE, null));
            for (Claim claim : nearFromPayer(line)) {
                invoices.byPhone(claim.phone()).forEach(i -> found.add(i, RefKind.NONE, null));
                String quoted = References.normalize(claim.reference());
                if (quoted != null) {
                    invoices.exact(quoted).forEach(i -> found.add(i, RefKind.NONE, null));
                }
            }
            return found;
        }

        private boolean fitsInFull(SourcedInvoice invoice, BigDecimal received) {
            BigDecimal open = due.get(invoice.key());
            return open != null
                    && open.signum() > 0
                    && AmountFit.of(received, open, settings).paysInFull();
        }

        /** A claim found only by its amount must come from the person the bank names, when it names one. */
        private boolean samePayer(Claim claim, BankLine line) {
            return line.entry().counterparty() == null
                    || Names.similarity(claim.payerName(), line.entry().counterparty()) >= 0.85;
        }

        private Proposal evaluate(BankLine line, List<SourcedInvoice> targets, RefKind ref, String token) {
            BigDecimal totalDue = BigDecimal.ZERO;
            for (SourcedInvoice invoice : targets) {
                BigDecimal open = due.get(invoice.key());
                if (open == null || open.signum() <= 0) {
                    return null;
                }
                totalDue = totalDue.add(open);
            }
            BigDecimal received = line.entry().amount();
            AmountFit fit = AmountFit.of(received, totalDue, settings);
            if (ref == RefKind.NONE && !fit.paysInFull()) {
                return null;
            }
            SourcedInvoice first = targets.get(0);
            Claim claim = targets.size() == 1 ? claimFor(line, first) : claimQuotingAll(targets);
            Evidence evidence = new Evidence(settings, line, targets, ref, token, fit, totalDue, claim);
            double score = evidence.score();
            if (score < MIN_SCORE && fit != AmountFit.SHORT) {
                return null;
            }
            List<Allocation> allocations = allocate(targets, received);
            MatchKind kind = evidence.kind(score);
            return new Proposal(line, claim, allocations, score, kind, evidence.rule(), evidence.explanation());
        }

        /** Each invoice takes what is due on it, in order, until the money runs out. */
        private List<Allocation> allocate(List<SourcedInvoice> targets, BigDecimal received) {
            List<Allocation> allocations = new ArrayList<>();
            BigDecimal left = received;
            for (SourcedInvoice invoice : targets) {
                BigDecimal share = left.min(due.get(invoice.key()));
                if (share.signum() > 0) {
                    allocations.add(new Allocation(invoice, share));
                }
                left = left.subtract(share);
            }
            return allocations;
        }

        /** The customer's claim behind this payment: one quoting the invoice, or one of the same money near that day. */
        private Claim claimFor(BankLine line, SourcedInvoice invoice) {
            Claim best = null;
            for (Claim claim : claims.quoting(invoices.number(invoice))) {
                if (usable(claim)
                        && sameCurrencyClaim(claim, line)
                        && withinWindow(claim, line)
                        && samePayer(claim, line)) {
                    if (best == null || closer(claim, best, line)) {
                        best = claim;
                    }
                }
            }
            if (best != null) {
                return best;
            }
            String phone = invoice.invoice().contactPhone();
            for (Claim claim : nearFromPayer(line)) {
                boolean samePerson = (phone != null && phone.equals(claim.phone()))
                        || Names.similarity(claim.payerName(), invoice.invoice().contactName()) >= 0.85;
                if (samePerson && (best == null || closer(claim, best, line))) {
                    best = claim;
                }
            }
            return best;
        }

        /** Usable claims of the entry's money near its date from the payer the bank names; once per entry. */
        private List<Claim> nearFromPayer(BankLine line) {
            if (nearLine != line.id()) {
                nearLine = line.id();
                nearClaims = lookup.near().stream()
                        .filter(c -> usable(c) && withinWindow(c, line) && samePayer(c, line))
                        .toList();
            }
            return nearClaims;
        }

        private Claim claimQuotingAll(List<SourcedInvoice> targets) {
            for (Claim claim : claims.quoting(invoices.number(targets.get(0)))) {
                if (usable(claim)) {
                    return claim;
                }
            }
            return null;
        }

        private boolean usable(Claim claim) {
            return !usedClaims.contains(claim.recordId());
        }

        private boolean withinWindow(Claim claim, BankLine line) {
            return claim.paidOn() == null || Evidence.daysApart(claim, line) <= settings.dateWindowDays();
        }

        private boolean closer(Claim a, Claim b, BankLine line) {
            return Evidence.daysApart(a, line) < Evidence.daysApart(b, line);
        }

        private boolean sameCurrencyClaim(Claim claim, BankLine line) {
            return claim.currency() == null
                    || claim.currency().equalsIgnoreCase(line.entry().currency());
        }
    }

    private static boolean sameCurrency(SourcedInvoice invoice, String currency) {
        return invoice.invoice().currency() == null
                || currency == null
                || currency.isEmpty()
                || invoice.invoice().currency().equalsIgnoreCase(currency);
    }

    /** How strongly the entry's text names an invoice. */
    enum RefKind {
        EXACT,
        TYPO,
        DIGITS,
        NONE
    }

    /** The invoices one entry could pay, each with the strongest way it was found. */
    private static final class Candidates {
        final Map<SourcedInvoice, RefKind> single = new LinkedHashMap<>();
        final Map<SourcedInvoice, String> tokens = new HashMap<>();
        final Set<SourcedInvoice> exact = new java.util.LinkedHashSet<>();

        void add(SourcedInvoice invoice, RefKind kind, String token) {
            RefKind current = single.get(invoice);
            if (current == null || kind.ordinal() < current.ordinal()) {
                single.put(invoice, kind);
                if (token != null) {
                    tokens.put(invoice, token);
                }
            }
        }

        String tokenFor(SourcedInvoice invoice) {
            return tokens.get(invoice);
        }
    }
}
