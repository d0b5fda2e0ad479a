package io.chatbridge.reconcile.statement;

import io.chatbridge.common.Storable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a bank statement, whatever the file format was. Amounts are signed: money in is
 * positive, so matching never has to know how a format marks credits.
 *
 * @param account the statement's account (IBAN or bank account id), or empty when the file has none
 * @param bookedOn the booking date
 * @param amount signed amount; positive is money received
 * @param currency ISO 4217 code
 * @param bankReference the bank's own id for the entry (AcctSvcrRef, NtryRef, FITID), or null
 * @param endToEndId the payer's end-to-end id (camt), or null
 * @param counterparty who paid (or was paid), or null
 * @param remittance everything the payer wrote (unstructured lines, structured reference, memo), or empty
 */
public record BankEntry(
        String account,
        LocalDate bookedOn,
        BigDecimal amount,
        String currency,
        String bankReference,
        String endToEndId,
        String counterparty,
        String remittance) {

    /** Texts are cleaned of NUL characters: PostgreSQL refuses them, and the whole import with them. */
    public BankEntry {
        account = account == null ? "" : Storable.text(account.trim());
        remittance = remittance == null ? "" : Storable.text(remittance.trim());
        counterparty = Storable.text(blankToNull(counterparty));
        bankReference = Storable.text(blankToNull(bankReference));
        endToEndId = Storable.text(blankToNull(endToEndId));
        if (bookedOn == null || bookedOn.getYear() < 1900 || bookedOn.getYear() > 2999) {
            throw new StatementFormatException("an entry's booking date " + bookedOn + " is not a plausible date");
        }
        currency = currency == null ? null : currency.trim().toUpperCase(java.util.Locale.ROOT);
        if (currency != null && !currency.isEmpty() && !currency.matches("[A-Z]{3}")) {
            throw new StatementFormatException(
                    "currency '" + Storable.text(currency) + "' is not a three-letter ISO 4217 code");
        }
    }

    public boolean isCredit() {
        return amount.signum() > 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
