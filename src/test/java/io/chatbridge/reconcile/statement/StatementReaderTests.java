package io.chatbridge.reconcile.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementReaderTests {

    private final StatementReader reader = new StatementReader();

    @Test
    void camtV02MultiStatementReadsEveryStatementWithSignedAmounts() {
        ParsedStatement parsed = read("genkgo_camt053.v2.multi-statement.xml");

        assertThat(parsed.format()).isEqualTo("camt.053");
        assertThat(parsed.statements()).isEqualTo(2);
        assertThat(parsed.entries()).hasSize(2);
        BankEntry first = parsed.entries().get(0);
        assertThat(first.amount()).isEqualByComparingTo("8.85");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.bookedOn()).isEqualTo(LocalDate.of(2014, 12, 31));
        assertThat(first.remittance()).isEqualTo("Transaction Description 1");
        assertThat(first.counterparty()).isEqualTo("Company Name 1");
        assertThat(first.endToEndId()).isEqualTo("000000001");
        BankEntry second = parsed.entries().get(1);
        assertThat(second.amount()).isEqualByComparingTo("-7.00");
        assertThat(second.remittance()).isEqualTo("Transaction Description 2");
    }

    @Test
    void camtV08ReadsNestedStatusPartyNameStructuredReferenceAndBankReference() {
        ParsedStatement parsed = read("genkgo_camt053.v8.xml");

        assertThat(parsed.entries()).hasSize(1);
        BankEntry entry = parsed.entries().get(0);
        assertThat(entry.amount()).isEqualByComparingTo("8.85");
        assertThat(entry.bookedOn()).isEqualTo(LocalDate.of(2014, 12, 31));
        assertThat(entry.bankReference()).isEqualTo("AAAASESS-FP-CN_98765/01");
        assertThat(entry.endToEndId()).isEqualTo("MUELL/FINP/RA12345");
        assertThat(entry.counterparty()).isEqualTo("NAME NAME");
        assertThat(entry.remittance()).contains("4654654654654654");
        assertThat(entry.account()).isEqualTo("NL26VAYB8060476890");
    }

    @Test
    void camtSkipsPendingEntriesAndFlipsReversals() {
        String xml =
                """
                <?xml version="1.0"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
                <Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>GBP</Ccy></Acct>
                <Ntry><Amt Ccy="GBP">250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt></Ntry>
                <Ntry><Amt>40.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-11-03</Dt></BookgDt><AcctSvcrRef>R-1</AcctSvcrRef></Ntry>
                <Ntry><Amt Ccy="GBP">120.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><ValDt><DtTm>2026-11-04T10:00:00Z</DtTm></ValDt>
                  <NtryDtls><TxDtls><RmtInf><Ustrd>INV-2041</Ustrd><Ustrd>and INV-2042</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
                </Stmt></BkToCstmrStmt></Document>""";

        List<BankEntry> entries = reader.read(xml.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("GBP"))
                .entries();

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).amount()).isEqualByComparingTo("-40.00");
        assertThat(entries.get(0).currency()).isEqualTo("GBP");
        assertThat(entries.get(1).bookedOn()).isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(entries.get(1).remittance()).isEqualTo("INV-2041 and INV-2042");
    }

    /** Found by StatementReaderFuzzTests: a damaged Ccy gave an entry without a currency, then booked in the default. */
    @Test
    void aCamtAmountWithoutAnyCurrencyIsRefusedRatherThanTakenForTheDefault() {
        String xml =
                """
                <?xml version="1.0"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
                <Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></Acct>
                <Ntry><Amt Cxy="USD">40.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                  <BookgDt><Dt>2026-11-03</Dt></BookgDt></Ntry>
                </Stmt></BkToCstmrStmt></Document>""";

        assertThatThrownBy(() -> reader.read(xml.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR")))
                .isInstanceOf(StatementFormatException.class)
                .hasMessage("a camt.053 amount has no currency (Amt without Ccy, and the account gives none)");
    }

    @Test
    void camtWithADoctypeIsRefusedSoNoExternalEntityIsRead() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document><BkToCstmrStmt><Stmt><Ntry><Amt>&x;</Amt></Ntry></Stmt></BkToCstmrStmt></Document>";

        assertThatThrownBy(() -> reader.read(xml.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR")))
                .isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void ofxSgmlWithIndentedUnclosedLeaves() {
        ParsedStatement parsed = read("ofxparse_checking.ofx");

        assertThat(parsed.format()).isEqualTo("ofx");
        assertThat(parsed.entries()).hasSize(3);
        BankEntry first = parsed.entries().get(0);
        assertThat(first.amount()).isEqualByComparingTo("0.01");
        assertThat(first.currency()).isEqualTo("USD");
        assertThat(first.bankReference()).isEqualTo("0000486");
        assertThat(first.bookedOn()).isEqualTo(LocalDate.of(2011, 3, 31));
        assertThat(first.counterparty()).isEqualTo("DIVIDEND EARNED FOR PERIOD OF 03");
        assertThat(parsed.entries().get(2).amount()).isEqualByComparingTo("-25.00");
        assertThat(parsed.entries().get(2).remittance()).endsWith("319");
        assertThat(first.account()).isEqualTo("1452687~7");
    }

    @Test
    void ofxSgmlOnLongLinesWithTimeZoneInDates() {
        ParsedStatement parsed = read("ofxparse_bank_medium.ofx");

        assertThat(parsed.entries()).hasSize(3);
        assertThat(parsed.entries()).allSatisfy(e -> assertThat(e.currency()).isEqualTo("CAD"));
        assertThat(parsed.entries().get(1).counterparty()).isEqualTo("Joe's Bald Hairstyles");
        assertThat(parsed.entries().get(1).amount()).isEqualByComparingTo("-316.67");
        assertThat(parsed.entries().get(0).bookedOn()).isEqualTo(LocalDate.of(2009, 4, 1));
    }

    @Test
    void ofx2XmlWithClosedLeavesAndEscapedText() {
        String ofx =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
                <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF>
                <BANKACCTFROM><BANKID>1</BANKID><ACCTID>DE89370400440532013000</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
                <BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20261102</DTPOSTED><TRNAMT>250.00</TRNAMT>
                <FITID>F-77</FITID><NAME>Søren &amp; Ågård</NAME><MEMO>INV-2041</MEMO></STMTTRN></BANKTRANLIST>
                </STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>""";

        BankEntry entry = reader.read(ofx.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR"))
                .entries()
                .get(0);

        assertThat(entry.counterparty()).isEqualTo("Søren & Ågård");
        assertThat(entry.remittance()).isEqualTo("INV-2041");
        assertThat(entry.amount()).isEqualByComparingTo("250.00");
        assertThat(entry.account()).isEqualTo("DE89370400440532013000");
    }

    @Test
    void csvFixtureWithSignedAmountsPayeeAndNotes() {
        ParsedStatement parsed = reader.read(bytes("actual_data-payee-memo.csv"), CsvProfile.detect("USD"));

        assertThat(parsed.entries()).hasSize(4);
        assertThat(parsed.entries().get(0).amount()).isEqualByComparingTo("-10.00");
        assertThat(parsed.entries().get(0).counterparty()).isEqualTo("Payee Name");
        assertThat(parsed.entries().get(0).remittance()).isEqualTo("Note Text");
        assertThat(parsed.entries().get(2).counterparty()).isNull();
        assertThat(parsed.entries().get(3).remittance()).isEmpty();
        assertThat(parsed.entries().get(0).currency()).isEqualTo("USD");
    }

    @Test
    void csvFixtureWithUtf8Names() {
        List<BankEntry> entries = reader.read(bytes("actual_data_utf8.csv"), CsvProfile.detect("EUR"))
                .entries();

        assertThat(entries)
                .extracting(BankEntry::counterparty)
                .containsExactly("Café René", "Müller GmbH", "Søren Ågård");
        assertThat(entries.get(1).amount()).isEqualByComparingTo("-15.75");
    }

    @Test
    void csvWithBomCrlfSemicolonsDecimalCommaAndGermanDates() {
        String csv = "\uFEFFBuchungstag;Auftraggeber;Verwendungszweck;Betrag\r\n"
                + "02.11.2026;Müller GmbH;\"INV-2041; Kurs\";1.250,50\r\n"
                + "03.11.2026;Bäckerei;Brot;-3,20\r\n";

        List<BankEntry> entries = reader.read(csv.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR"))
                .entries();

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).amount()).isEqualByComparingTo("1250.50");
        assertThat(entries.get(0).remittance()).isEqualTo("INV-2041; Kurs");
        assertThat(entries.get(0).bookedOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(entries.get(1).amount()).isEqualByComparingTo("-3.20");
    }

    @Test
    void csvInUtf16LittleEndianWithAndWithoutBom() {
        String csv = "Date,Payee,Amount\r\n2026-11-02,Søren Ågård,100.00\r\n";
        for (byte[] bytes : List.of(
                withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, csv.getBytes(StandardCharsets.UTF_16LE)),
                csv.getBytes(StandardCharsets.UTF_16LE),
                withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, csv.getBytes(StandardCharsets.UTF_16BE)))) {
            List<BankEntry> entries =
                    reader.read(bytes, CsvProfile.detect("EUR")).entries();
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.counterparty()).isEqualTo("Søren Ågård");
                assertThat(e.amount()).isEqualByComparingTo("100.00");
            });
        }
    }

    @Test
    void csvInWindows1252WithEuroSignAndDottedIsoDates() {
        String csv = "Date;Payee;Amount\n2026.11.02;Café René;€ 42,50\n";

        BankEntry entry = reader.read(csv.getBytes(Charset.forName("windows-1252")), CsvProfile.detect("EUR"))
                .entries()
                .get(0);

        assertThat(entry.counterparty()).isEqualTo("Café René");
        assertThat(entry.amount()).isEqualByComparingTo("42.50");
        assertThat(entry.bookedOn()).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void csvWithSeparateDebitAndCreditColumnsAndAProfile() {
        String csv = "sep=;\nPosted;Details;Paid out;Paid in;Who\n02/11/2026;INV-9;;250.00;Ana Lima\n"
                + "03/11/2026;fee;4.50;;Bank\n;Total;4.50;250.00;\n";
        CsvProfile profile = new CsvProfile(
                null,
                null,
                "dd/MM/yyyy",
                ".",
                "Posted",
                null,
                "Paid out",
                "Paid in",
                "Who",
                List.of("Details"),
                null,
                "GBP",
                "GB-1");

        List<BankEntry> entries =
                reader.read(csv.getBytes(StandardCharsets.UTF_8), profile).entries();

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).amount()).isEqualByComparingTo("250.00");
        assertThat(entries.get(0).counterparty()).isEqualTo("Ana Lima");
        assertThat(entries.get(1).amount()).isEqualByComparingTo("-4.50");
        assertThat(entries.get(1).account()).isEqualTo("GB-1");
    }

    @Test
    void csvWithAnUnreadableAmountNamesTheLine() {
        String csv = "Date,Payee,Amount\n2026-11-02,Ana,12.00\n2026-11-03,Bo,twelve\n";

        assertThatThrownBy(() -> reader.read(csv.getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR")))
                .isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("CSV line 3");
    }

    @Test
    void csvWithoutDateOrAmountColumnsSaysWhatIsMissing() {
        assertThatThrownBy(() -> reader.read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), CsvProfile.detect("EUR")))
                .isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("no date and amount");
    }

    @Test
    void entryKeysPreferTheBankReferenceAndKeepIdenticalEntriesApart() {
        BankEntry coffee =
                new BankEntry("A", LocalDate.of(2026, 11, 2), new BigDecimal("-3.20"), "EUR", null, null, "Cafe", "");
        BankEntry withRef = new BankEntry("A", LocalDate.of(2026, 11, 2), BigDecimal.TEN, "EUR", "R-1", null, null, "");

        List<String> keys = EntryKeys.keys(List.of(coffee, coffee, withRef));

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys.get(2)).isEqualTo("ref:A:R-1");
        assertThat(EntryKeys.keys(List.of(coffee, coffee, withRef))).isEqualTo(keys);
    }

    private ParsedStatement read(String fixture) {
        return reader.read(bytes(fixture), CsvProfile.detect("EUR"));
    }

    static byte[] bytes(String fixture) {
        try (InputStream in = StatementReaderTests.class.getResourceAsStream("/fixtures/bank/" + fixture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withBom(byte[] bom, byte[] body) {
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }
}
