package io.chatbridge.reconcile.statement;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a bank's CSV export with its {@link CsvProfile}. Columns the profile does not name are found
 * by common header names in English, German, Spanish and Portuguese; a row without a date or amount
 * (a totals line) is skipped, a row whose date or amount cannot be read fails the whole file with the
 * line number, so nothing is half-imported.
 */
public final class CsvStatementParser {

    private static final List<String> DATE = List.of(
            "booking date",
            "date",
            "transaction date",
            "posted",
            "posting date",
            "buchungstag",
            "datum",
            "fecha",
            "data",
            "value date",
            "valuta");
    private static final List<String> AMOUNT =
            List.of("amount", "betrag", "importe", "valor", "value", "montant", "sum");
    private static final List<String> DEBIT =
            List.of("debit", "withdrawal", "withdrawals", "paid out", "money out", "soll", "cargo", "débito");
    private static final List<String> CREDIT =
            List.of("credit", "deposit", "deposits", "paid in", "money in", "haben", "abono", "crédito");
    private static final List<String> PAYEE = List.of(
            "payee",
            "payer",
            "name",
            "counterparty",
            "beneficiary",
            "from",
            "auftraggeber",
            "empfänger",
            "beguenstigter/zahlungspflichtiger",
            "ordenante",
            "nome");
    private static final List<String> REFERENCE = List.of(
            "reference",
            "notes",
            "memo",
            "description",
            "details",
            "purpose",
            "remittance",
            "verwendungszweck",
            "concepto",
            "descrição",
            "descricao",
            "narrative");
    private static final List<String> ID = List.of("transaction id", "id", "bank reference", "fitid");
    private static final List<String> CURRENCY = List.of("currency", "währung", "moneda", "moeda");

    public ParsedStatement parse(byte[] content, CsvProfile profile) {
        String text = TextDecoding.decode(content, profile.encoding());
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = delimiter(profile, firstLine);
        if (firstLine.toLowerCase(Locale.ROOT).startsWith("sep=")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        List<List<String>> rows = CsvRows.split(text, delimiter);
        if (rows.size() < 1) {
            throw new StatementFormatException("the CSV file is empty");
        }
        Header header = new Header(rows.get(0), profile);
        List<List<String>> data = rows.subList(1, rows.size()).stream()
                .filter(header::hasDateAndAmount)
                .toList();
        if (data.isEmpty()) {
            return new ParsedStatement("csv", 1, List.of());
        }
        DateTimeFormatter dates = profile.dateFormat() != null
                ? CsvValues.dateFormat(profile.dateFormat())
                : CsvValues.detectDateFormat(
                        data.stream().map(r -> header.cell(r, header.date)).toList());
        List<BankEntry> entries = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            entries.add(entry(data.get(i), header, dates, profile, i + 2));
        }
        return new ParsedStatement("csv", 1, entries);
    }

    private static char delimiter(CsvProfile profile, String firstLine) {
        if (profile.delimiter() != null && !profile.delimiter().isEmpty()) {
            return profile.delimiter().equals("\\t")
                    ? '\t'
                    : profile.delimiter().charAt(0);
        }
        String lower = firstLine.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sep=") && firstLine.length() > 4) {
            return firstLine.charAt(4);
        }
        return CsvRows.guessDelimiter(firstLine);
    }

    private static BankEntry entry(
            List<String> row, Header header, DateTimeFormatter dates, CsvProfile profile, int line) {
        try {
            List<String> remittance = new ArrayList<>();
            header.references.forEach(column -> {
                String cell = header.cell(row, column);
                if (!cell.isEmpty()) {
                    remittance.add(cell);
                }
            });
            String currency =
                    header.currency >= 0 && !header.cell(row, header.currency).isEmpty()
                            ? header.cell(row, header.currency)
                            : profile.currency();
            return new BankEntry(
                    profile.account(),
                    CsvValues.date(header.cell(row, header.date), dates),
                    header.amount(row, profile.decimalSeparator()),
                    currency == null ? "" : currency.toUpperCase(Locale.ROOT),
                    header.id >= 0 ? header.cell(row, header.id) : null,
                    null,
                    header.payee >= 0 ? header.cell(row, header.payee) : null,
                    String.join(" ", remittance));
        } catch (RuntimeException e) {
            throw new StatementFormatException("CSV line " + line + ": " + e.getMessage(), e);
        }
    }

    /** Column positions, from the profile's header names or the common ones. */
    private static final class Header {
        final List<String> names;
        final int date;
        final int amount;
        final int debit;
        final int credit;
        final int payee;
        final int id;
        final int currency;
        final List<Integer> references = new ArrayList<>();

        Header(List<String> cells, CsvProfile profile) {
            names = cells.stream()
                    .map(c -> c.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT))
                    .toList();
            date = find(profile.dateColumn(), DATE);
            amount = find(profile.amountColumn(), AMOUNT);
            debit = find(profile.debitColumn(), DEBIT);
            credit = find(profile.creditColumn(), CREDIT);
            payee = find(profile.payeeColumn(), PAYEE);
            id = find(profile.idColumn(), ID);
            currency = find(null, CURRENCY);
            if (!profile.referenceColumns().isEmpty()) {
                profile.referenceColumns().forEach(c -> references.add(required(c)));
            } else {
                for (int i = 0; i < names.size(); i++) {
                    if (REFERENCE.contains(names.get(i)) && i != payee) {
                        references.add(i);
                    }
                }
            }
            if (date < 0 || (amount < 0 && (debit < 0 || credit < 0))) {
                throw new StatementFormatException("the CSV header " + cells
                        + " has no date and amount (or debit and credit) columns; name them in the bank's csv profile");
            }
        }

        private int find(String configured, List<String> candidates) {
            if (configured != null && !configured.isBlank()) {
                return required(configured);
            }
            for (String candidate : candidates) {
                int index = names.indexOf(candidate);
                if (index >= 0) {
                    return index;
                }
            }
            return -1;
        }

        private int required(String column) {
            int index = names.indexOf(column.trim().toLowerCase(Locale.ROOT));
            if (index < 0) {
                throw new StatementFormatException(
                        "the CSV file has no column '" + column + "' (it has " + names + ")");
            }
            return index;
        }

        String cell(List<String> row, int index) {
            return index >= 0 && index < row.size() ? row.get(index).trim() : "";
        }

        boolean hasDateAndAmount(List<String> row) {
            boolean money = amount >= 0
                    ? !cell(row, amount).isEmpty()
                    : !cell(row, debit).isEmpty() || !cell(row, credit).isEmpty();
            return !cell(row, date).isEmpty() && money;
        }

        /** A signed amount, or money in minus money out from separate columns (either may be signed). */
        BigDecimal amount(List<String> row, String decimalSeparator) {
            if (amount >= 0) {
                return CsvValues.amount(cell(row, amount), decimalSeparator);
            }
            BigDecimal in = CsvValues.amount(cell(row, credit), decimalSeparator);
            BigDecimal out = CsvValues.amount(cell(row, debit), decimalSeparator);
            BigDecimal total = in == null ? BigDecimal.ZERO : in.abs();
            return out == null ? total : total.subtract(out.abs());
        }
    }
}
