package io.chatbridge.reconcile;

import static io.chatbridge.reconcile.RecordFields.amount;
import static io.chatbridge.reconcile.RecordFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.reconcile.match.Claim;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers' payment claims: {@code payment} records from the chat (mappings/payment.yaml) that are
 * not paid yet and no match has taken. A claim whose amount cannot be read is left out, not guessed.
 */
@Repository
class ClaimStore {

    static final String PAYMENT_TYPE = "payment";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ClaimStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Claim> openClaims() {
        return jdbc
                .sql(
                        """
                        select r.human_id, r.fields::text as fields, r.customer_phone, r.created_at from record r
                        where r.type = ? and coalesce(r.status, '') <> 'paid'
                          and not exists (select 1 from reconcile_match m
                                          where m.claim_record_id = r.human_id and m.state = 'matched')
                        order by r.id""")
                .param(PAYMENT_TYPE)
                .query((rs, n) -> claim(rs))
                .list()
                .stream()
                .filter(c -> c.amount() != null)
                .toList();
    }

    private Claim claim(ResultSet rs) throws SQLException {
        JsonNode fields;
        try {
            fields = json.readTree(rs.getString("fields"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String phone = text(fields, "phone");
        return new Claim(
                rs.getString("human_id"),
                amount(text(fields, "amount")),
                text(fields, "currency"),
                text(fields, "reference"),
                date(text(fields, "paid_on"), rs),
                text(fields, "payer_name"),
                phone != null ? phone : rs.getString("customer_phone"));
    }

    private static LocalDate date(String value, ResultSet rs) throws SQLException {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return rs.getTimestamp("created_at").toLocalDateTime().toLocalDate();
        }
    }
}
