package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xero.api.ApiClient;
import com.xero.models.accounting.Invoice;
import io.chatbridge.reconcile.OpenInvoice;
import org.junit.jupiter.api.Test;

/** Xero's invoice JSON, read by the SDK's own mapper, as the reconciler's open invoice. */
class XeroInvoicesTests {

    private static final ObjectMapper SDK_JSON = new ApiClient().getObjectMapper();

    @Test
    void onlyAuthorisedSalesInvoicesWithSomethingDueAreOpen() throws Exception {
        assertThat(XeroInvoices.open(invoice("ACCREC", "AUTHORISED", "10.00", "")))
                .isTrue();
        assertThat(XeroInvoices.open(invoice("ACCPAY", "AUTHORISED", "10.00", "")))
                .isFalse();
        assertThat(XeroInvoices.open(invoice("ACCREC", "PAID", "0.00", ""))).isFalse();
        assertThat(XeroInvoices.open(invoice("ACCREC", "DRAFT", "10.00", ""))).isFalse();
        assertThat(XeroInvoices.open(invoice("ACCREC", "AUTHORISED", "0.00", "")))
                .isFalse();
    }

    @Test
    void anInvoiceBecomesTheReconcilersOpenInvoiceWithTheContactsMobileInE164() throws Exception {
        Invoice invoice = invoice(
                "ACCREC",
                "AUTHORISED",
                "250.50",
                """
                ,"Phones":[{"PhoneType":"DEFAULT","PhoneNumber":"0207 946 0000"},
                  {"PhoneType":"MOBILE","PhoneCountryCode":"44","PhoneAreaCode":"07700","PhoneNumber":"900 123"}]""");

        OpenInvoice open = XeroInvoices.toOpenInvoice(invoice);

        assertThat(open.invoiceId()).isEqualTo("0b3f6d5e-2c1a-4e7b-9f00-3a1b2c3d4e5f");
        assertThat(open.invoiceNumber()).isEqualTo("INV-2041");
        assertThat(open.contactName()).isEqualTo("Ana Silva");
        assertThat(open.contactPhone()).isEqualTo("+447700900123");
        assertThat(open.amountDue()).isEqualByComparingTo("250.50");
        assertThat(open.currency()).isEqualTo("GBP");
        assertThat(open.dueDate()).hasToString("2026-12-01");
        assertThat(open.reference()).isNull();
    }

    @Test
    void aMobileWithoutACountryCodeIsNotGuessed() throws Exception {
        Invoice invoice = invoice(
                "ACCREC",
                "AUTHORISED",
                "5.00",
                ",\"Phones\":[{\"PhoneType\":\"MOBILE\",\"PhoneNumber\":\"07700 900123\"}]");

        assertThat(XeroInvoices.toOpenInvoice(invoice).contactPhone()).isNull();
    }

    private static Invoice invoice(String type, String status, String due, String phones) throws Exception {
        return SDK_JSON.readValue(
                """
                {"Type":"%s","InvoiceID":"0b3f6d5e-2c1a-4e7b-9f00-3a1b2c3d4e5f","InvoiceNumber":"INV-2041",
                 "Reference":" ","Contact":{"ContactID":"5b96e86b-418e-48e8-8949-308c14aec278","Name":"Ana Silva"%s},
                 "DueDate":"/Date(1796083200000+0000)/","Status":"%s","AmountDue":%s,"CurrencyCode":"GBP",
                 "UpdatedDateUTC":"/Date(1764115200000+0000)/"}"""
                        .formatted(type, phones, status, due),
                Invoice.class);
    }
}
