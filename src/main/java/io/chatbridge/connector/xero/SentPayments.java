package io.chatbridge.connector.xero;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which reconciliation match each payment we sent to Xero belongs to, found by Xero's PaymentID: an
 * invoice that lists one of them has that match's money in its {@code AmountDue} already.
 */
@Component
class SentPayments {

    private final JdbcClient jdbc;

    SentPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Match ids by Xero PaymentID, for the ids we sent; ids of payments made in Xero by hand are absent. */
    Map<String, Long> matchesByPaymentId(Collection<String> paymentIds) {
        Map<String, Long> matches = new HashMap<>();
        if (paymentIds.isEmpty()) {
            return matches;
        }
        jdbc.sql("select xero_payment_id, match_id from xero_payment where xero_payment_id = any(?)")
                .param(paymentIds.toArray(String[]::new))
                .query(rs -> {
                    matches.put(rs.getString(1), rs.getLong(2));
                });
        return matches;
    }
}
