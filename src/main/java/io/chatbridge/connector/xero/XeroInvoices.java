package io.chatbridge.connector.xero;

import com.xero.models.accounting.Contact;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Phone;
import io.chatbridge.reconcile.OpenInvoice;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Xero's invoice as the reconciler's {@link OpenInvoice}: open means a sales invoice still AUTHORISED. */
final class XeroInvoices {

    private XeroInvoices() {}

    static boolean open(Invoice invoice) {
        return invoice.getType() == Invoice.TypeEnum.ACCREC
                && invoice.getStatus() == Invoice.StatusEnum.AUTHORISED
                && invoice.getAmountDue() != null
                && invoice.getAmountDue() > 0;
    }

    static OpenInvoice toOpenInvoice(Invoice invoice) {
        Contact contact = invoice.getContact();
        return new OpenInvoice(
                invoice.getInvoiceID().toString(),
                invoice.getInvoiceNumber(),
                contact == null ? null : contact.getName(),
                contact == null ? null : mobile(contact),
                BigDecimal.valueOf(invoice.getAmountDue()),
                invoice.getCurrencyCode() == null
                        ? null
                        : invoice.getCurrencyCode().getValue(),
                dueDate(invoice),
                blankToNull(invoice.getReference()));
    }

    private static LocalDate dueDate(Invoice invoice) {
        org.threeten.bp.LocalDate due = invoice.getDueDate() == null ? null : invoice.getDueDateAsDate();
        return due == null ? null : LocalDate.of(due.getYear(), due.getMonthValue(), due.getDayOfMonth());
    }

    /** The contact's mobile as E.164 when Xero has one with a country code, else null. */
    private static String mobile(Contact contact) {
        if (contact.getPhones() == null) {
            return null;
        }
        for (Phone phone : contact.getPhones()) {
            if (phone.getPhoneType() == Phone.PhoneTypeEnum.MOBILE
                    && digits(phone.getPhoneNumber()).length() > 0
                    && digits(phone.getPhoneCountryCode()).length() > 0) {
                String area = digits(phone.getPhoneAreaCode()).replaceFirst("^0+", "");
                return "+" + digits(phone.getPhoneCountryCode()) + area
                        + digits(phone.getPhoneNumber()).replaceFirst(area.isEmpty() ? "^0+" : "^$", "");
            }
        }
        return null;
    }

    private static String digits(String text) {
        return text == null ? "" : text.replaceAll("\\D", "");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
