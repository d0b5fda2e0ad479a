package io.chatbridge.reconcile;

import static io.chatbridge.reconcile.RecordFields.amount;
import static io.chatbridge.reconcile.RecordFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.record.RecordService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open invoices kept as records (an {@code order} with a total, or an {@code invoice} type), for a
 * business without Xero: which type and fields come from {@link RecordInvoicesProperties}. The amount
 * due is the record's amount; the reconciler takes off what its matches already put on it. Once the
 * matches cover the amount, the record becomes {@code paid}, which sends the mapping's receipt like a
 * payment record's. Registered only while {@code chatbridge.payments.record-invoices.type} is set.
 */
@Component
@ConditionalOnProperty(prefix = "chatbridge.payments.record-invoices", name = "type")
class RecordOpenInvoices implements OpenInvoices {

    static final String SOURCE = "records";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RecordInvoicesProperties settings;
    private final PaymentsProperties payments;
    private final RecordService records;

    RecordOpenInvoices(
            JdbcClient jdbc,
            ObjectMapper json,
            RecordInvoicesProperties settings,
            PaymentsProperties payments,
            RecordService records) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.payments = payments;
        this.records = records;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    /** Records of the type in an open status with an amount that can be read (others are left out, not guessed). */
    @Override
    public List<OpenInvoice> open() {
        return jdbc
                .sql(
                        """
                        select human_id, status, fields::text as fields, customer_phone from record
                        where type = ? order by id""")
                .param(settings.type())
                .query((rs, n) -> settings.isOpen(rs.getString("status")) ? invoice(rs) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .filter(i -> i.amountDue() != null && i.amountDue().signum() > 0)
                .toList();
    }

    /**
     * Marks the invoice record {@code paid} when the matches on it cover its amount (within the rounding
     * tolerance); a part payment leaves it open. Runs in the deciding transaction.
     */
    void settle(String humanId, String origin, String cause) {
        BigDecimal owed = jdbc.sql("select fields::text from record where human_id = ? and type = ?")
                .params(humanId, settings.type())
                .query(String.class)
                .optional()
                .map(fields -> amount(text(tree(fields), settings.amountField())))
                .orElse(null);
        if (owed == null) {
            return;
        }
        BigDecimal paid = jdbc.sql(
                        """
                        select coalesce(sum(a.amount), 0) from reconcile_allocation a
                        join reconcile_match m on m.id = a.match_id
                        where m.state = 'matched' and a.invoice_source = ? and a.invoice_id = ?""")
                .params(SOURCE, humanId)
                .query(BigDecimal.class)
                .single();
        if (paid.compareTo(owed.subtract(payments.roundingTolerance())) >= 0) {
            records.applyChange(humanId, origin, Map.of(RecordService.STATUS_FIELD, PaymentDecisions.PAID), cause);
        }
    }

    private OpenInvoice invoice(ResultSet rs) throws SQLException {
        JsonNode fields = tree(rs.getString("fields"));
        String humanId = rs.getString("human_id");
        String number = settings.numberField() == null ? null : text(fields, settings.numberField());
        String phone = text(fields, settings.phoneField());
        String currency = text(fields, settings.currencyField());
        return new OpenInvoice(
                humanId,
                number != null ? number : humanId,
                text(fields, settings.customerField()),
                phone != null ? phone : rs.getString("customer_phone"),
                amount(text(fields, settings.amountField())),
                currency != null ? currency : payments.defaultCurrency(),
                date(settings.dueField() == null ? null : text(fields, settings.dueField())),
                null);
    }

    private JsonNode tree(String fields) {
        try {
            return json.readTree(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
