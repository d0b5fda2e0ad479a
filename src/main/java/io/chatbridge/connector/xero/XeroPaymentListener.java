package io.chatbridge.connector.xero;

import io.chatbridge.reconcile.PaymentMatched;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a stored match into a queued Xero payment, in the reconciler's transaction: the payment
 * exists exactly when the match does. No remote call here; the {@code deliver-xero} route sends it.
 * Matches against invoices from another source (records) have nothing to pay in Xero.
 */
@Component
class XeroPaymentListener {

    private final XeroPaymentQueue queue;

    XeroPaymentListener(XeroPaymentQueue queue) {
        this.queue = queue;
    }

    @EventListener
    void on(PaymentMatched match) {
        if ("xero".equals(match.invoiceSource())) {
            queue.enqueue(match);
        }
    }
}
