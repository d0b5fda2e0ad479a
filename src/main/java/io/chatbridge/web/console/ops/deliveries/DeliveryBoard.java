package io.chatbridge.web.console.ops.deliveries;

import io.chatbridge.common.BindingProblems;
import io.chatbridge.connector.excel.ExcelStatus;
import io.chatbridge.connector.hubspot.HubSpotStatus;
import io.chatbridge.connector.sheets.SheetsStatus;
import io.chatbridge.connector.xero.XeroPayment;
import io.chatbridge.connector.xero.XeroPayments;
import io.chatbridge.outbox.Delivery;
import io.chatbridge.outbox.DeliveryCount;
import io.chatbridge.outbox.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Everything the deliveries panel shows in one read: each sink's queue (counts by state and the rows
 * that are not done), the Xero payment queue, the connectors' own problems and the request budgets.
 * Read-only; replays go through {@link Outbox} and {@link XeroPayments}.
 */
@Service
class DeliveryBoard {

    static final List<String> STATES = List.of("pending", "in_flight", "dead", "done");
    private static final int ROWS_PER_STATE = 50;

    private final Outbox outbox;
    private final XeroPayments xero;
    private final HubSpotStatus hubspot;
    private final SheetsStatus sheets;
    private final ExcelStatus excel;
    private final RateBudgets budgets;

    DeliveryBoard(
            Outbox outbox,
            XeroPayments xero,
            HubSpotStatus hubspot,
            SheetsStatus sheets,
            ExcelStatus excel,
            RateBudgets budgets) {
        this.outbox = outbox;
        this.xero = xero;
        this.hubspot = hubspot;
        this.sheets = sheets;
        this.excel = excel;
        this.budgets = budgets;
    }

    Board read() {
        return new Board(
                sinkQueues(),
                new XeroQueue(xero.status(), open(xero)),
                hubspot.status(),
                Map.of("sheets", sheets.openProblems(), "excel", excel.openProblems()),
                budgets.all());
    }

    /** One queue per sink running here or with rows in the table (a sink switched off keeps its dead rows). */
    List<SinkQueue> sinkQueues() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (String sink : outbox.sinkNames()) {
            counts.put(sink, zeroCounts());
        }
        for (DeliveryCount c : outbox.counts()) {
            counts.computeIfAbsent(c.sink(), s -> zeroCounts()).put(c.state(), c.count());
        }
        List<SinkQueue> queues = new ArrayList<>();
        counts.forEach((sink, byState) -> queues.add(new SinkQueue(sink, byState, openRows(sink))));
        return queues;
    }

    /** Dead first (they need a person), then those waiting or retrying, then those being sent. */
    private List<Delivery> openRows(String sink) {
        List<Delivery> rows = new ArrayList<>(outbox.list("dead", sink, ROWS_PER_STATE));
        rows.addAll(outbox.list("pending", sink, ROWS_PER_STATE));
        rows.addAll(outbox.list("in_flight", sink, ROWS_PER_STATE));
        return rows;
    }

    private static List<XeroPayment> open(XeroPayments xero) {
        List<XeroPayment> rows = new ArrayList<>(xero.list("dead", ROWS_PER_STATE));
        rows.addAll(xero.list("pending", ROWS_PER_STATE));
        rows.addAll(xero.list("in_flight", ROWS_PER_STATE));
        return rows;
    }

    private static Map<String, Long> zeroCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0L));
        return counts;
    }

    record SinkQueue(String sink, Map<String, Long> counts, List<Delivery> open) {

        /** Waiting rows that already failed at least once: retrying with backoff. */
        public long retrying() {
            return open.stream()
                    .filter(d -> d.state().equals("pending") && d.attempts() > 0)
                    .count();
        }
    }

    record XeroQueue(XeroPayments.Status status, List<XeroPayment> open) {}

    record Board(
            List<SinkQueue> sinks,
            XeroQueue xero,
            HubSpotStatus.Status hubspot,
            Map<String, List<BindingProblems.Problem>> bindingProblems,
            List<RateBudgets.Budget> budgets) {}
}
