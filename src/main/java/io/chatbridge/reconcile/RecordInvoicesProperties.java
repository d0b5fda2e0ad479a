package io.chatbridge.reconcile;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open invoices kept as records ({@code chatbridge.payments.record-invoices.*}), for a business
 * without books in Xero: which record type is an invoice and which of its fields say what. Off while
 * {@code type} is unset.
 *
 * @param type the record type whose records are invoices ({@code order}, {@code invoice}); unset = off
 * @param numberField the field customers quote as the invoice number; unset = the record's id ({@code OR-0042})
 * @param amountField the amount owed
 * @param currencyField the currency; unset or empty in a record = {@code chatbridge.payments.default-currency}
 * @param dueField the due date (ISO), optional
 * @param customerField the customer's name, for name similarity
 * @param phoneField the customer's phone; when empty in a record, the record's own customer phone
 * @param openStatuses statuses that count as open; empty = every status but the closed ones (and none)
 * @param closedStatuses statuses that are never open
 */
@ConfigurationProperties("chatbridge.payments.record-invoices")
public record RecordInvoicesProperties(
        String type,
        String numberField,
        @DefaultValue("total_amount") String amountField,
        @DefaultValue("currency") String currencyField,
        String dueField,
        @DefaultValue("customer_name") String customerField,
        @DefaultValue("phone") String phoneField,
        @DefaultValue("") List<String> openStatuses,
        @DefaultValue({"paid", "cancelled", "canceled", "void"}) List<String> closedStatuses) {

    public RecordInvoicesProperties {
        openStatuses = openStatuses == null
                ? List.of()
                : openStatuses.stream().filter(s -> !s.isBlank()).toList();
        closedStatuses = closedStatuses == null ? List.of() : List.copyOf(closedStatuses);
    }

    /** Whether a record in {@code status} (null: none yet) still waits for money. */
    boolean isOpen(String status) {
        if (status != null && closedStatuses.contains(status)) {
            return false;
        }
        return openStatuses.isEmpty() || (status != null && openStatuses.contains(status));
    }
}
