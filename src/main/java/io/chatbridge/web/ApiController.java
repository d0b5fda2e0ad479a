package io.chatbridge.web;

import io.chatbridge.common.BindingProblems;
import io.chatbridge.connector.excel.ExcelStatus;
import io.chatbridge.connector.sheets.SheetsStatus;
import io.chatbridge.conversation.ConversationQueries;
import io.chatbridge.ingest.InboxQueries;
import io.chatbridge.outbox.Delivery;
import io.chatbridge.outbox.Outbox;
import io.chatbridge.record.RecordQueries;
import io.chatbridge.record.RecordView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The JSON API over records, conversations, deliveries and the inbox (admin only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api")
class ApiController {

    private static final int MAX_LIMIT = 1000;

    private final RecordQueries records;
    private final ConversationQueries conversations;
    private final Outbox outbox;
    private final InboxQueries inbox;
    private final SheetsStatus sheets;
    private final ExcelStatus excel;

    ApiController(
            RecordQueries records,
            ConversationQueries conversations,
            Outbox outbox,
            InboxQueries inbox,
            SheetsStatus sheets,
            ExcelStatus excel) {
        this.records = records;
        this.conversations = conversations;
        this.outbox = outbox;
        this.inbox = inbox;
        this.sheets = sheets;
        this.excel = excel;
    }

    /** Sheet bindings stopped by a renamed header or a missing tab, deleted rows, duplicate ids. */
    @GetMapping("/sheets/problems")
    List<BindingProblems.Problem> sheetProblems() {
        return sheets.openProblems();
    }

    /** Workbooks open in Excel (deliveries wait), broken files, missing sheets or headers, deleted rows. */
    @GetMapping("/excel/problems")
    List<BindingProblems.Problem> excelProblems() {
        return excel.openProblems();
    }

    @GetMapping("/records")
    List<RecordView> records(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "50") int limit) {
        return records.search(
                blankToNull(type),
                blankToNull(phone),
                blankToNull(q),
                startOf(from),
                to == null ? null : startOf(to.plusDays(1)),
                clamp(limit));
    }

    @GetMapping("/records/{id}")
    Map<String, Object> record(@PathVariable String id) {
        RecordView record = records.find(id).orElseThrow(() -> notFound("record " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("record", record);
        body.put("deliveries", outbox.forRecord(record.id()));
        return body;
    }

    @GetMapping("/conversations/{id}/messages")
    List<ConversationQueries.MessageView> messages(
            @PathVariable String id, @RequestParam(defaultValue = "500") int limit) {
        if (!conversations.exists(id)) {
            throw notFound("conversation " + id);
        }
        return conversations.messages(id, clamp(limit));
    }

    @GetMapping("/deliveries")
    List<Delivery> deliveries(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String sink,
            @RequestParam(defaultValue = "100") int limit) {
        return outbox.list(blankToNull(state), blankToNull(sink), clamp(limit));
    }

    @PostMapping("/deliveries/{id}/replay")
    ResponseEntity<Delivery> replay(@PathVariable long id) {
        if (outbox.find(id).isEmpty()) {
            throw notFound("delivery " + id);
        }
        if (!outbox.replay(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "delivery " + id + " is being delivered right now");
        }
        return ResponseEntity.accepted().body(outbox.find(id).orElseThrow());
    }

    @GetMapping("/inbox/{messageId}")
    InboxQueries.InboxEntry inbox(
            @PathVariable String messageId, @RequestParam(defaultValue = "whatsapp") String channel) {
        return inbox.byMessageId(channel, messageId).orElseThrow(() -> notFound("inbox item " + messageId));
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what);
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
