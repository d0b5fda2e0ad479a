package io.chatbridge.reconcile.match;

import io.chatbridge.reconcile.OpenInvoice;

/** An open invoice and the source it came from ({@code xero}, {@code records}, …). */
public record SourcedInvoice(String source, OpenInvoice invoice) {

    /** Unique across sources. */
    public String key() {
        return source + ":" + invoice.invoiceId();
    }
}
