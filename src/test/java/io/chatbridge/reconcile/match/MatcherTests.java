package io.chatbridge.reconcile.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.reconcile.OpenInvoice;
import io.chatbridge.reconcile.statement.BankEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTests {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    private final Matcher matcher = new Matcher(MatchSettings.defaults());

    @Test
    void anExactReferenceAndEqualAmountMatchAutomaticallyAndSayWhy() {
        Claim claim =
                new Claim("PY-0001", money("250.00"), "GBP", "INV-2041", DAY.minusDays(1), "Ana Lima", "+447700900123");

        Proposal p = single(
                line(1, "250.00", "LIMA ANA", "paid inv 2041"),
                List.of(claim),
                invoice("INV-2041", "Ana Lima", "250.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.AUTOMATIC);
        assertThat(p.claim()).isEqualTo(claim);
        assertThat(p.rule()).isEqualTo("reference");
        assertThat(p.explanation())
                .startsWith("reference INV-2041 in remittance info; amount equal")
                .contains("1 day apart");
    }

    @Test
    void aReferenceOneTypoAwayWithTheSameAmountAndPayerStillMatches() {
        Proposal p =
                single(line(1, "250.00", "Ana Lima", "INV-2014"), List.of(), invoice("INV-2041", "Ana Lima", "250.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.AUTOMATIC);
        assertThat(p.explanation()).contains("INV2014 in remittance info is one typo from INV-2041");
    }

    @Test
    void feesDeductedAreAnAmountDifferenceForAPerson() {
        Proposal p =
                single(line(1, "245.50", "Ana Lima", "INV-2041"), List.of(), invoice("INV-2041", "Ana Lima", "250.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.AMOUNT_DIFFERS);
        assertThat(p.explanation()).contains("245.50 received, 250.00 due");
    }

    @Test
    void oneTransferForTwoInvoicesIsSplitBetweenThem() {
        Proposal p = single(
                line(1, "700.00", "Ana Lima", "INV-2041 INV-2042"),
                List.of(),
                invoice("INV-2041", "Ana Lima", "250.00"),
                invoice("INV-2042", "Ana Lima", "450.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.AUTOMATIC);
        assertThat(p.allocations()).extracting(a -> a.amount().toPlainString()).containsExactly("250.00", "450.00");
    }

    @Test
    void anInvoicePaidInTwoPartsTakesBothAndTheDuplicateFindsItPaid() {
        SourcedInvoice invoice = invoice("INV-2041", "Ana Lima", "500.00");
        List<Proposal> proposals = matcher.match(
                List.of(
                        line(1, "200.00", "Ana Lima", "INV-2041"),
                        line(2, "300.00", "Ana Lima", "INV-2041"),
                        line(3, "300.00", "Ana Lima", "INV-2041")),
                List.of(),
                List.of(invoice));

        assertThat(proposals).hasSize(2);
        assertThat(proposals).allSatisfy(p -> assertThat(p.kind()).isEqualTo(MatchKind.AUTOMATIC));
        assertThat(proposals.get(0).rule()).isEqualTo("reference-part-payment");
    }

    @Test
    void withoutAReferenceTheAmountAndAClaimFromTheSamePhoneMatch() {
        Claim claim = new Claim("PY-0002", money("250.00"), "GBP", null, DAY, "Ana Lima", "+447700900123");

        Proposal p = single(
                line(1, "250.00", "A LIMA", "transfer"), List.of(claim), invoice("INV-2041", "Ana Lima", "250.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.AUTOMATIC);
        assertThat(p.rule()).isEqualTo("amount-phone");
        assertThat(p.explanation()).contains("customer's phone is the invoice contact's");
    }

    @Test
    void theSameAmountFromSomeoneElseIsNotMatched() {
        List<Proposal> proposals = matcher.match(
                List.of(line(1, "250.00", "OFFICE RENT LTD", "transfer")),
                List.of(),
                List.of(invoice("INV-2041", "Ana Lima", "250.00")));

        assertThat(proposals).isEmpty();
    }

    @Test
    void twoInvoicesThatFitEquallyWaitForAPerson() {
        Proposal p = single(
                line(1, "250.00", "Ana Lima", "course fee"),
                List.of(),
                invoice("INV-2041", "Ana Lima", "250.00"),
                invoice("INV-2077", "Ana Lima", "250.00"));

        assertThat(p.kind()).isEqualTo(MatchKind.REVIEW);
        assertThat(p.explanation()).contains("also fits");
    }

    @Test
    void debitsAreNeverMatched() {
        assertThat(matcher.match(
                        List.of(line(1, "-250.00", "Ana Lima", "INV-2041")),
                        List.of(),
                        List.of(invoice("INV-2041", "Ana Lima", "250.00"))))
                .isEmpty();
    }

    private Proposal single(BankLine line, List<Claim> claims, SourcedInvoice... invoices) {
        List<Proposal> proposals = matcher.match(List.of(line), claims, List.of(invoices));
        assertThat(proposals).hasSize(1);
        return proposals.get(0);
    }

    private static BankLine line(long id, String amount, String payer, String text) {
        return new BankLine(id, new BankEntry("GB1", DAY, money(amount), "GBP", "R" + id, null, payer, text));
    }

    private static SourcedInvoice invoice(String number, String contact, String due) {
        return new SourcedInvoice(
                "test",
                new OpenInvoice(
                        "id-" + number, number, contact, "+447700900123", money(due), "GBP", DAY.minusDays(10), null));
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }
}
