package io.chatbridge.support.xero;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation's books inside {@link FakeXero}: sales invoices and the payments applied to them,
 * with Xero's rules (only AUTHORISED invoices take payments, never more than is due, a paid invoice
 * becomes PAID) and Xero's JSON shapes (PascalCase, {@code /Date(ms+0000)/} dates).
 */
final class FakeXeroBooks {

    static final String ACCOUNT_CODE = "090";
    private static final String ACCOUNT_ID = "ceef66a5-a545-413b-9312-78a53caadbc4";

    static final class Invoice {
        final UUID id = UUID.randomUUID();
        final String number;
        final String contact;
        final BigDecimal total;
        final String currency;
        final LocalDate due;
        String status = "AUTHORISED";
        BigDecimal paid = BigDecimal.ZERO;
        Instant updated;

        Invoice(String number, String contact, BigDecimal total, String currency, LocalDate due, Instant updated) {
            this.number = number;
            this.contact = contact;
            this.total = total;
            this.currency = currency;
            this.due = due;
            this.updated = updated;
        }

        BigDecimal due() {
            return total.subtract(paid);
        }
    }

    /** One applied payment, as kept by the fake. */
    record AppliedPayment(UUID paymentId, UUID invoiceId, BigDecimal amount, String reference, String date) {}

    private final Map<UUID, Invoice> invoices = new LinkedHashMap<>();
    private final List<AppliedPayment> payments = new ArrayList<>();

    synchronized Invoice add(String number, String contact, BigDecimal total, String currency, LocalDate due) {
        Invoice invoice = new Invoice(number, contact, total, currency, due, Instant.now());
        invoices.put(invoice.id, invoice);
        return invoice;
    }

    synchronized void setStatus(UUID id, String status) {
        Invoice invoice = invoices.get(id);
        invoice.status = status;
        invoice.updated = Instant.now();
    }

    synchronized List<AppliedPayment> payments() {
        return List.copyOf(payments);
    }

    synchronized Invoice invoice(UUID id) {
        return invoices.get(id);
    }

    /** Sales invoices matching the query, oldest change first, 100 a page as Xero pages them. */
    synchronized List<Map<String, Object>> page(List<String> statuses, Instant modifiedSince, int page) {
        List<Invoice> matching = invoices.values().stream()
                .filter(i -> statuses == null || statuses.contains(i.status))
                .filter(i -> modifiedSince == null || !i.updated.isBefore(modifiedSince))
                .sorted(Comparator.comparing((Invoice i) -> i.updated).thenComparing(i -> i.number))
                .toList();
        int from = Math.min(matching.size(), (page - 1) * 100);
        return matching.subList(from, Math.min(matching.size(), from + 100)).stream()
                .map(this::json)
                .toList();
    }

    /** Applies one payment element; returns its answer element (with validation errors when refused). */
    synchronized Map<String, Object> apply(JsonNode element) {
        String invoiceId = element.path("Invoice").path("InvoiceID").asText();
        BigDecimal amount = element.path("Amount").decimalValue();
        String error = refusal(invoiceId, element.path("Account").path("Code").asText(), amount);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Date", element.path("Date").asText());
        answer.put("Amount", amount);
        answer.put("Reference", element.path("Reference").asText());
        if (error != null) {
            answer.put("Invoice", Map.of("InvoiceID", invoiceId));
            answer.put(
                    "Account",
                    Map.of("Code", element.path("Account").path("Code").asText()));
            answer.put("HasAccount", false);
            answer.put("HasValidationErrors", true);
            answer.put("StatusAttributeString", "ERROR");
            answer.put("ValidationErrors", List.of(Map.of("Message", error)));
            return answer;
        }
        Invoice invoice = invoices.get(UUID.fromString(invoiceId));
        invoice.paid = invoice.paid.add(amount);
        invoice.updated = Instant.now();
        if (invoice.due().signum() == 0) {
            invoice.status = "PAID";
        }
        AppliedPayment applied = new AppliedPayment(
                UUID.randomUUID(),
                invoice.id,
                amount,
                element.path("Reference").asText(),
                element.path("Date").asText());
        payments.add(applied);
        answer.put("PaymentID", applied.paymentId().toString());
        answer.put("BankAmount", amount);
        answer.put("CurrencyRate", 1.0);
        answer.put("PaymentType", "ACCRECPAYMENT");
        answer.put("Status", "AUTHORISED");
        answer.put("UpdatedDateUTC", date(invoice.updated));
        answer.put("HasAccount", true);
        answer.put("IsReconciled", false);
        answer.put("Account", Map.of("AccountID", ACCOUNT_ID, "Code", ACCOUNT_CODE));
        answer.put("Invoice", json(invoice));
        answer.put("HasValidationErrors", false);
        answer.put("StatusAttributeString", "OK");
        return answer;
    }

    /** Why Xero would refuse this element, or null; nothing is applied. */
    synchronized String refusal(JsonNode element) {
        return refusal(
                element.path("Invoice").path("InvoiceID").asText(),
                element.path("Account").path("Code").asText(),
                element.path("Amount").decimalValue());
    }

    private String refusal(String invoiceId, String accountCode, BigDecimal amount) {
        Invoice invoice;
        try {
            invoice = invoices.get(UUID.fromString(invoiceId));
        } catch (IllegalArgumentException e) {
            invoice = null;
        }
        if (invoice == null) {
            return "Invoice could not be found";
        }
        if (!ACCOUNT_CODE.equals(accountCode)) {
            return "Account code '" + accountCode + "' is not a valid code for this document.";
        }
        if (!"AUTHORISED".equals(invoice.status)) {
            return "Invoice not of valid status for modification";
        }
        if (amount.signum() <= 0) {
            return "Payment amount must be greater than zero";
        }
        if (amount.compareTo(invoice.due()) > 0) {
            return "Payment amount exceeds the amount outstanding on this document";
        }
        return null;
    }

    private Map<String, Object> json(Invoice invoice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Type", "ACCREC");
        json.put("InvoiceID", invoice.id.toString());
        json.put("InvoiceNumber", invoice.number);
        json.put("Reference", "");
        json.put(
                "Contact",
                Map.of(
                        "ContactID",
                        UUID.nameUUIDFromBytes(invoice.contact.getBytes()).toString(),
                        "Name",
                        invoice.contact));
        json.put("Date", date(invoice.due.minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC)));
        json.put("DueDate", date(invoice.due.atStartOfDay().toInstant(ZoneOffset.UTC)));
        json.put("DueDateString", invoice.due + "T00:00:00");
        json.put("Status", invoice.status);
        json.put("LineAmountTypes", "Exclusive");
        json.put("SubTotal", invoice.total);
        json.put("TotalTax", BigDecimal.ZERO);
        json.put("Total", invoice.total);
        json.put("AmountDue", invoice.due());
        json.put("AmountPaid", invoice.paid);
        json.put("AmountCredited", BigDecimal.ZERO);
        json.put("CurrencyCode", invoice.currency);
        json.put("Payments", paymentsOf(invoice));
        json.put("UpdatedDateUTC", date(invoice.updated));
        json.put("HasErrors", false);
        return json;
    }

    /** The invoice's payments as Xero lists them on an invoice (PaymentID, Date, Amount, Reference). */
    private List<Map<String, Object>> paymentsOf(Invoice invoice) {
        return payments.stream()
                .filter(p -> p.invoiceId().equals(invoice.id))
                .map(p -> Map.<String, Object>of(
                        "PaymentID",
                        p.paymentId().toString(),
                        "Date",
                        p.date(),
                        "Amount",
                        p.amount(),
                        "Reference",
                        p.reference(),
                        "CurrencyRate",
                        1.0,
                        "HasAccount",
                        false,
                        "HasValidationErrors",
                        false))
                .toList();
    }

    static String date(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }
}
