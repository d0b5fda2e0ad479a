package io.chatbridge.reconcile.match;

import io.chatbridge.reconcile.OpenInvoice;

/**
 * An open invoice and the source it came from ({@code xero}, {@code records}, …). Equal by
 * {@link #key()} alone: the matcher hashes invoices millions of times per run.
 */
public record SourcedInvoice(String source, OpenInvoice invoice, String key) {

    public SourcedInvoice(String source, OpenInvoice invoice) {
        this(source, invoice, source + ":" + invoice.invoiceId());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourcedInvoice that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
