package io.chatbridge.reconcile;

import java.util.List;

/**
 * Where open invoices come from: the books (the Xero connector provides one) or records. The
 * reconciler asks every source it finds and matches bank entries and claims against all of them.
 */
public interface OpenInvoices {

    /** A short name for explanations and the report ({@code xero}, {@code records}). */
    String source();

    /** The invoices open now; may call a remote system, so the reconciler calls it once per run. */
    List<OpenInvoice> open();
}
