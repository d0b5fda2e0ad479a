package io.chatbridge.web;

import io.chatbridge.connector.excel.ExcelExports;
import io.chatbridge.connector.excel.ExportColumn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Append-only workbook exports for finance ({@code GET /api/excel/export?type=payment&from=…&to=…}):
 * the records of a type created in a period, streamed as an .xlsx while it is written.
 */
@RestController
@RequestMapping("/api/excel")
class ExcelExportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ExcelExports exports;

    ExcelExportController(ExcelExports exports) {
        this.exports = exports;
    }

    /** {@code from} inclusive, {@code to} exclusive (UTC days); by default the current month. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        List<ExportColumn> columns = exports.columns(type)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no record type " + type));
        LocalDate start = from != null ? from : LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        LocalDate end = to != null ? to : start.plusMonths(1);
        if (!end.isAfter(start)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "`to` must be after `from`");
        }
        String name = type + "-" + start + "-" + end + ".xlsx";
        StreamingResponseBody body = out -> exports.export(
                type,
                columns,
                start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant(),
                out);
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }
}
