package io.chatbridge.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A test's books: open invoices it sets, and every {@link PaymentMatched} published, with whether a
 * transaction was active when it was (the contract says listeners write in the deciding transaction).
 */
public final class TestInvoices implements OpenInvoices {

    final List<OpenInvoice> open = new CopyOnWriteArrayList<>();
    final List<PaymentMatched> matched = new CopyOnWriteArrayList<>();
    final List<Boolean> publishedInTransaction = new CopyOnWriteArrayList<>();

    @Override
    public String source() {
        return "test-books";
    }

    @Override
    public List<OpenInvoice> open() {
        return new ArrayList<>(open);
    }

    @EventListener
    void on(PaymentMatched event) {
        matched.add(event);
        publishedInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
    }

    /** Add to an application's sources. */
    @Configuration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        TestInvoices testInvoices() {
            return new TestInvoices();
        }
    }
}
