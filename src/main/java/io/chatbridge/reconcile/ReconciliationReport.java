package io.chatbridge.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The finance workbook: Matched, Unmatched (in bank but unclaimed; claimed but not in bank) and
 * Exceptions (waiting for a person, amounts that differ, rejected). Written with POI's streaming
 * workbook, so memory stays flat however many rows there are (LIMITS.md: SXSSF in 128 MB). Every cell
 * is a plain string or number: text a customer or a bank typed (a leading {@code =}) stays text.
 * Regenerated on demand ({@code GET /api/reconciliation/report}) and on a schedule (route
 * {@code reconcile-report}) into {@code chatbridge.payments.report-file}, replaced atomically.
 */
@Service
public class ReconciliationReport {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationReport.class);
    private static final int MAX_ROWS = 1_000_000;
    private static final String[] HEADER = {
        "State",
        "Booked on",
        "Amount",
        "Currency",
        "Payer (bank)",
        "Remittance",
        "Bank reference",
        "Invoices",
        "Invoice amounts",
        "Claim",
        "Score",
        "Rule",
        "Why",
        "Decided by",
        "Screenshots"
    };

    private final ReconciliationQueries queries;
    private final PaymentsProperties properties;

    ReconciliationReport(ReconciliationQueries queries, PaymentsProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    public void write(OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            tab(workbook, "Matched", List.of(MatchStore.MATCHED));
            tab(
                    workbook,
                    "Unmatched",
                    List.of(ReconciliationQueries.UNCLAIMED, ReconciliationQueries.CLAIMED_NOT_IN_BANK));
            tab(workbook, "Exceptions", List.of(MatchStore.REVIEW, MatchStore.AMOUNT_DIFFERS, MatchStore.REJECTED));
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Writes the workbook to the configured file (temporary file, then an atomic move). */
    public Path writeFile() {
        Path target = properties.reportFile().toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".reconciliation", ".xlsx");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Reconciliation report written to {}", target);
        return target;
    }

    private void tab(SXSSFWorkbook workbook, String name, List<String> states) {
        Sheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADER.length; i++) {
            header.createCell(i).setCellValue(HEADER[i]);
        }
        int rowNumber = 1;
        for (String state : states) {
            for (ReconciliationItem item : queries.byState(state, MAX_ROWS)) {
                row(sheet.createRow(rowNumber++), item);
            }
        }
    }

    private static void row(Row row, ReconciliationItem item) {
        List<Object> cells = new ArrayList<>();
        var entry = item.entry();
        var claim = item.claim();
        cells.add(item.state());
        cells.add(
                entry != null
                        ? entry.bookedOn().toString()
                        : claim != null && claim.paidOn() != null
                                ? claim.paidOn().toString()
                                : "");
        cells.add(entry != null ? entry.amount() : claim != null ? claim.amount() : null);
        cells.add(entry != null ? entry.currency() : claim != null ? claim.currency() : "");
        cells.add(entry != null ? entry.counterparty() : "");
        cells.add(entry != null ? entry.remittance() : claim != null ? claim.reference() : "");
        cells.add(entry != null ? entry.bankReference() : "");
        cells.add(String.join(
                ", ", item.invoices().stream().map(i -> i.invoiceNumber()).toList()));
        cells.add(String.join(
                ", ",
                item.invoices().stream().map(i -> i.amount().toPlainString()).toList()));
        cells.add(claim != null ? claim.recordId() : "");
        cells.add(item.score());
        cells.add(item.rule());
        cells.add(item.explanation());
        cells.add(item.decidedBy());
        cells.add(String.join(
                ", ",
                item.screenshots().stream()
                        .map(s -> s.mediaId() + " (" + s.mimeType() + ", message " + s.messageId() + ")")
                        .toList()));
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value instanceof java.math.BigDecimal number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else if (value != null) {
                row.createCell(i).setCellValue(value.toString());
            }
        }
    }
}
