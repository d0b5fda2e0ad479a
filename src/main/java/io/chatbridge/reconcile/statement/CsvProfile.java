package io.chatbridge.reconcile.statement;

import java.util.List;

/**
 * How one bank writes its CSV export ({@code chatbridge.payments.csv-profiles.<bank>.*}). Every
 * setting is optional: what is left out is detected from the file (delimiter, encoding, date format,
 * decimal separator) or found by common header names (Date, Amount, Debit/Credit, Payee, Memo …).
 *
 * @param delimiter {@code ,} {@code ;} or {@code \t}; a first line {@code sep=;} also sets it
 * @param encoding {@code UTF-8}, {@code UTF-16LE}, {@code windows-1252} …; otherwise BOM and content decide
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern such as {@code dd.MM.yyyy}
 * @param decimalSeparator {@code .} or {@code ,}
 * @param dateColumn header of the booking date column
 * @param amountColumn header of a signed amount column (money in positive)
 * @param debitColumn header of a money-out column (used with {@code creditColumn} instead of an amount)
 * @param creditColumn header of a money-in column
 * @param payeeColumn header of the payer's name
 * @param referenceColumns headers whose text is the remittance information (memo, reference, notes)
 * @param idColumn header of the bank's transaction id, if the export has one
 * @param currency the account currency (CSV exports rarely carry one per line)
 * @param account the account these exports belong to
 */
public record CsvProfile(
        String delimiter,
        String encoding,
        String dateFormat,
        String decimalSeparator,
        String dateColumn,
        String amountColumn,
        String debitColumn,
        String creditColumn,
        String payeeColumn,
        List<String> referenceColumns,
        String idColumn,
        String currency,
        String account) {

    public CsvProfile {
        referenceColumns = referenceColumns == null ? List.of() : List.copyOf(referenceColumns);
    }

    /** Everything detected from the file, in the given currency. */
    public static CsvProfile detect(String currency) {
        return new CsvProfile(null, null, null, null, null, null, null, null, null, null, null, currency, null);
    }
}
