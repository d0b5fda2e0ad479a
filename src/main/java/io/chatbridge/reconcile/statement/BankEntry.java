package io.chatbridge.reconcile.statement;

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

    public BankEntry {
        account = account == null ? "" : account.trim();
        remittance = remittance == null ? "" : remittance.trim();
        counterparty = blankToNull(counterparty);
        bankReference = blankToNull(bankReference);
        endToEndId = blankToNull(endToEndId);
    }

    public boolean isCredit() {
        return amount.signum() > 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
