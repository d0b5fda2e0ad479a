package io.chatbridge.conversation;

import io.chatbridge.common.Pii;
import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.Extractor;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.record.ConcurrentRecordChange;
import io.chatbridge.record.RecordService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs extraction for conversations that received messages, in order within each conversation: the
 * conversation row is locked while its messages are read, records upserted and messages marked, so
 * two instances never work on one conversation at once. Each conversation runs under a savepoint: one
 * that fails (a bug on an odd message) is parked with its error and does not hold up the others.
 *
 * <p>A StackOverflowError counts as such a failure: it comes from one input too deep for a recursion
 * (a regular expression over a long message), and the stack has unwound by the time it is caught. Any
 * other Error (out of memory …) says nothing about the conversation and is left to propagate.
 * Called by the {@code extract-records} route.
 */
@Component("conversationExtraction")
public class ConversationExtraction {

    private static final Logger log = LoggerFactory.getLogger(ConversationExtraction.class);
    private static final int MAX_ROUNDS = 50;
    /** Fresh messages per conversation and pass: an imported chat of years arrives in slices, not at once. */
    static final int MAX_FRESH = 2000;
    /** Fresh messages per live transaction, over its conversations: see {@link #withinBudget}. */
    static final int LIVE_MESSAGES = 2000;
    /**
     * An import reads each conversation in one pass of up to this many messages (plus the window before
     * them), so no message is read again for every later one; memory stays bounded by the slice.
     */
    static final int IMPORT_FRESH = 20_000;
    /** Conversations per transaction in an import pass: a few slices of up to {@link #IMPORT_FRESH}. */
    static final int IMPORT_CONVERSATIONS = 2;

    /**
     * Which conversations a drain takes, how many per transaction, and how many fresh messages each.
     *
     * @param imports an import's pass: only conversations with imported messages to extract
     *     ({@code import_pending}, whatever their channel), read in slices
     * @param skipImports leave conversations with imported messages alone (an import in this process
     *     extracts them)
     * @param rounds transactions at most before the drain returns
     * @param committed told what each committed transaction did
     */
    private record Pass(
            boolean imports, int conversations, int maxFresh, boolean skipImports, int rounds, Committed committed) {}

    /**
     * What one transaction did.
     *
     * @param parked the conversations set aside with an error (their messages stay unextracted)
     */
    private record Batch(int conversations, long messages, List<String> parked) {}

    /** Told what each committed transaction of an import's drain did. */
    public interface Committed {
        /**
         * @param messages the fresh messages extracted
         * @param parked the conversations that failed and were set aside (ids), their messages unextracted
         */
        void committed(long messages, List<String> parked);
    }

    /** Released once, by {@link #close()}. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** How much of a parked conversation's error is kept on the conversation (the log has all of it). */
    static final int ERROR_CHARS = 500;

    /** Imports running in this process: while there are any, the live pass leaves their conversations alone. */
    private final AtomicInteger importsRunning = new AtomicInteger();

    private final JdbcClient jdbc;
    private final Extractor extractor;
    private final RecordService records;
    private final PipelineProperties properties;
    private final TransactionTemplate transaction;
    private final ImportSlices importSlices;
    private final ExtractionWatermark watermark;

    ConversationExtraction(
            JdbcClient jdbc,
            DataSource dataSource,
            Extractor extractor,
            RecordService records,
            PipelineProperties properties,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.extractor = extractor;
        this.records = records;
        this.properties = properties;
        this.transaction = transaction;
        this.importSlices = new ImportSlices(dataSource, properties.window());
        this.watermark = new ExtractionWatermark(jdbc);
    }

    public int drain() {
        return drain(new Pass(
                false,
                properties.batchSize(),
                MAX_FRESH,
                importsRunning.get() > 0,
                MAX_ROUNDS,
                (messages, parked) -> {}));
    }

    /**
     * Held by an import while it runs in this process (the server's {@code POST /api/imports}): the live
     * pass of the {@code extract-records} route then leaves conversations with imported messages to the
     * import (those it created and those a webhook had started), which reads
     * each in one pass when its file is stored ({@link #drainImports}). Otherwise the route takes them while
     * the file is still being stored and extracts them draft by draft in slices of {@link #MAX_FRESH}: the
     * same records, but a 1,000,000-line import through the API took 7 minutes instead of 2.
     */
    public Hold holdExports() {
        importsRunning.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                importsRunning.decrementAndGet();
            }
        };
    }

    /**
     * Extracts imported conversations only, in one transaction of up to {@link #IMPORT_CONVERSATIONS}
     * conversations, each a slice of up to {@link #IMPORT_FRESH} messages; returns the conversations
     * handled, and tells {@code committed} how many fresh messages they held and which conversations
     * failed, once they are committed (an import's progress and summary). Several threads may call it at
     * once: conversations are claimed with SKIP LOCKED and are independent.
     *
     * <p>A conversation is read only up to its first unextracted message that came through the webhook (a
     * customer who wrote while their chat was imported), and then handed to the live pass: that message is
     * live, and a question about what the customer just asked must go out. Read as history, it got none.
     */
    public int drainImports(Committed committed) {
        return drain(new Pass(true, IMPORT_CONVERSATIONS, IMPORT_FRESH, false, 1, committed));
    }

    private int drain(Pass pass) {
        int total = 0;
        for (int round = 0; round < pass.rounds(); round++) {
            Batch handled;
            try {
                handled = transaction.execute(status -> extractBatch(status, pass, false));
            } catch (RuntimeException | StackOverflowError e) {
                // one conversation spoiled the batch: do the batch again, each conversation on its own
                log.warn(
                        "Extraction batch failed ({}); retrying conversation by conversation",
                        e.getClass().getSimpleName());
                handled = transaction.execute(status -> extractBatch(status, pass, true));
            }
            if (handled == null) {
                break;
            }
            total += handled.conversations();
            pass.committed().committed(handled.messages(), handled.parked());
            if (handled.conversations() < pass.conversations()) {
                break;
            }
        }
        return total;
    }

    /**
     * Loads the new messages and the windows of a whole batch of conversations in two queries and marks
     * them in two more, so the database round trips do not grow with the batch. In careful mode every
     * conversation runs under a savepoint, so one that fails is parked and the rest go through.
     *
     * <p>A conversation without {@code last_message_at} (no writer of ours leaves one pending so, but a
     * row written by hand or by an older version may) takes the time of its newest message: mapping a
     * null there threw before any savepoint, and failed its whole batch at every poll.
     */
    private Batch extractBatch(TransactionStatus status, Pass pass, boolean careful) {
        List<PendingConversation> pending = jdbc.sql(
                        """
                        select id, phone_number_id, customer_wa_id,
                            coalesce(last_message_at,
                                (select max(m.sent_at) from message m where m.conversation_id = conversation.id),
                                now()) as last_message_at
                        from conversation
                        where pending_extraction and (not ? or import_pending) and (not ? or not import_pending)
                        order by last_message_at limit ? for update skip locked""")
                .params(pass.imports(), pass.skipImports(), pass.conversations())
                .query((rs, n) -> new PendingConversation(
                        rs.getString("id"),
                        rs.getString("phone_number_id"),
                        rs.getString("customer_wa_id"),
                        rs.getTimestamp("last_message_at").toInstant()))
                .list();
        if (pending.isEmpty()) {
            return new Batch(0, 0, List.of());
        }
        Map<String, List<StoredMessage>> fresh = new HashMap<>();
        Map<String, List<StoredMessage>> windows = new HashMap<>();
        List<String> live = new ArrayList<>();
        List<String> more = new ArrayList<>(); // an import's slices that stopped at their limit
        if (pass.imports()) {
            for (PendingConversation conversation : pending) {
                ImportSlices.Slice slice =
                        importSlices.read(conversation.id(), watermark.of(conversation.id()), pass.maxFresh());
                fresh.put(conversation.id(), slice.fresh());
                windows.put(conversation.id(), slice.window());
                if (slice.live()) {
                    live.add(conversation.id());
                }
                if (slice.full()) {
                    more.add(conversation.id());
                }
            }
        } else {
            fresh = freshMessages(pending, pass.maxFresh());
            pending = withinBudget(pending, fresh);
            fresh.keySet()
                    .retainAll(pending.stream().map(PendingConversation::id).toList());
            windows = windows(fresh);
        }
        List<Long> extracted = new ArrayList<>();
        Map<String, ExtractionWatermark.Mark> marks = new HashMap<>();
        List<String> done = new ArrayList<>();
        long messages = 0;
        List<String> parked = new ArrayList<>();
        for (PendingConversation conversation : pending) {
            List<StoredMessage> news = fresh.getOrDefault(conversation.id(), List.of());
            List<StoredMessage> window = windows.getOrDefault(conversation.id(), List.of());
            if (!careful) {
                extract(conversation, news, window, pass.imports());
            } else {
                Object savepoint = status.createSavepoint();
                try {
                    extractAlone(status, savepoint, conversation, news, window, pass.imports());
                    status.releaseSavepoint(savepoint);
                } catch (RuntimeException | StackOverflowError e) {
                    status.rollbackToSavepoint(savepoint);
                    park(conversation, e);
                    parked.add(conversation.id());
                    done.add(conversation.id());
                    continue;
                }
            }
            messages += news.size();
            if (pass.imports() && !news.isEmpty()) {
                StoredMessage last = news.get(news.size() - 1);
                marks.put(conversation.id(), new ExtractionWatermark.Mark(Timestamp.from(last.sentAt()), last.id()));
            } else {
                news.forEach(message -> extracted.add(message.id()));
            }
            boolean rest = pass.imports() ? more.contains(conversation.id()) : news.size() >= pass.maxFresh();
            if (!rest && !live.contains(conversation.id())) {
                done.add(conversation.id());
            }
        }
        if (!extracted.isEmpty()) {
            jdbc.sql("update message set extracted = true where id = any(?)")
                    .param(extracted.toArray(Long[]::new))
                    .update();
        }
        watermark.advance(marks); // an import's slices: one mark per conversation, not a write per message
        if (!live.isEmpty()) {
            // read up to a webhook's message: the rest is the live pass's, which takes it even while imports run
            jdbc.sql("update conversation set import_pending = false where id = any(?)")
                    .param(live.toArray(String[]::new))
                    .update();
        }
        // a conversation extracted now loses the error it was set aside with; one parked now keeps the new one
        jdbc.sql(
                        """
                        update conversation set pending_extraction = false, import_pending = false,
                            extraction_error = case when id = any(?) then extraction_error end,
                            extraction_failed_at = case when id = any(?) then extraction_failed_at end
                        where id = any(?)""")
                .params(parked.toArray(String[]::new), parked.toArray(String[]::new), done.toArray(String[]::new))
                .update();
        return new Batch(pending.size(), messages, parked);
    }

    /**
     * One conversation of a batch done again conversation by conversation, read as its pass reads it: an
     * import's message by message with history time, a live one draft by draft. An import's conversation
     * whose record another transaction created meanwhile ({@link ConcurrentRecordChange}, the usual reason
     * an import's batch is done again) is read once more from its savepoint: that transaction has committed,
     * so the record is found and updated.
     */
    private void extractAlone(
            TransactionStatus status,
            Object savepoint,
            PendingConversation conversation,
            List<StoredMessage> fresh,
            List<StoredMessage> window,
            boolean imports) {
        try {
            extract(conversation, fresh, window, imports);
        } catch (ConcurrentRecordChange e) {
            status.rollbackToSavepoint(savepoint);
            extract(conversation, fresh, window, imports);
        }
    }

    /**
     * The conversations of a live batch whose fresh messages fit {@link #LIVE_MESSAGES} (the first one
     * always): the others stay pending for the next transaction. A backlog is read message by message, and
     * a transaction over 200 conversations' backlogs (an import stopped with hundreds of thousands of
     * messages) ran for minutes, past a stopping server's wait for its routes.
     */
    private static List<PendingConversation> withinBudget(
            List<PendingConversation> pending, Map<String, List<StoredMessage>> fresh) {
        List<PendingConversation> taken = new ArrayList<>();
        long messages = 0;
        for (PendingConversation conversation : pending) {
            int these = fresh.getOrDefault(conversation.id(), List.of()).size();
            if (!taken.isEmpty() && messages + these > LIVE_MESSAGES) {
                break;
            }
            taken.add(conversation);
            messages += these;
        }
        return taken;
    }

    private Map<String, List<StoredMessage>> freshMessages(List<PendingConversation> pending, int maxFresh) {
        return group(jdbc.sql(
                        """
                        select id, conversation_id, external_id, direction, sender_name, type, text, sent_at from (
                            select m.*, row_number() over (partition by m.conversation_id order by m.sent_at, m.id) as nth
                            from message m join conversation c on c.id = m.conversation_id
                            where m.conversation_id = any(?) and not m.extracted
                                and (c.extracted_until is null
                                    or (m.sent_at, m.id) > (c.extracted_until, c.extracted_until_id))) fresh
                        where nth <= ? order by conversation_id, sent_at, id""")
                .params(pending.stream().map(PendingConversation::id).toArray(String[]::new), maxFresh)
                .query(StoredMessage::read)
                .list());
    }

    /**
     * Every message of each conversation from the window's start (the oldest new message minus the
     * window) up to the newest new message: later ones belong to the next slice of a long import.
     */
    private Map<String, List<StoredMessage>> windows(Map<String, List<StoredMessage>> fresh) {
        if (fresh.isEmpty()) {
            return Map.of();
        }
        String[] ids = fresh.keySet().toArray(String[]::new);
        Timestamp[] since = Arrays.stream(ids)
                .map(id -> Timestamp.from(fresh.get(id).get(0).sentAt().minus(properties.window())))
                .toArray(Timestamp[]::new);
        Timestamp[] until = Arrays.stream(ids)
                .map(id -> Timestamp.from(
                        fresh.get(id).get(fresh.get(id).size() - 1).sentAt()))
                .toArray(Timestamp[]::new);
        return group(jdbc.sql(
                        """
                        select m.id, m.conversation_id, m.external_id, m.direction, m.sender_name, m.type, m.text, m.sent_at
                        from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) as w(conversation_id, since, until)
                        join message m on m.conversation_id = w.conversation_id
                            and m.sent_at >= w.since and m.sent_at <= w.until
                        order by m.conversation_id, m.sent_at, m.id""")
                .params(ids, since, until)
                .query(StoredMessage::read)
                .list());
    }

    private static Map<String, List<StoredMessage>> group(List<StoredMessage> messages) {
        Map<String, List<StoredMessage>> byConversation = new HashMap<>();
        for (StoredMessage message : messages) {
            byConversation
                    .computeIfAbsent(message.conversationId(), id -> new ArrayList<>())
                    .add(message);
        }
        return byConversation;
    }

    /**
     * @param batched an import pass takes the set-based upsert, message by message; the live pass (it may
     *     mix channels in one transaction) goes draft by draft
     */
    private void extract(
            PendingConversation conversation, List<StoredMessage> fresh, List<StoredMessage> window, boolean batched) {
        if (fresh.isEmpty()) {
            return;
        }
        String customerPhone = customerPhone(conversation.customerWaId());
        if (batched) {
            records.applyDrafts(
                    conversation.id(),
                    customerPhone,
                    messageByMessage(conversation, customerPhone, fresh, window, false),
                    conversation.lastMessageAt(),
                    texts(window));
            return;
        }
        // one reading per fresh message, as if each had arrived alone (a webhook's message is one; a backlog,
        // webhooks queued while the pipeline was stopped or what a stopped import left, is many): one reading
        // of a whole backlog as a single window merged what message by message were separate records
        records.applyInOrder(
                conversation.id(), customerPhone, messageByMessage(conversation, customerPhone, fresh, window, true));
    }

    /** Message text by id (null for media without a caption), for the records' search documents. */
    private static Map<String, String> texts(List<StoredMessage> window) {
        Map<String, String> texts = new HashMap<>(window.size() * 2);
        window.forEach(message -> texts.put(message.externalId(), message.text()));
        return texts;
    }

    /**
     * The drafts a chat delivered message by message would have produced: for each fresh message, what
     * the extractor gives for the messages before it inside the window, exactly as the live path reads a
     * webhook message (the rule-based extractor keeps its reading between windows instead of starting
     * over). The whole slice is in memory, so this costs no query per message; the record service applies
     * the drafts in order and writes only the changes.
     */
    private List<RecordService.CausedDraft> messageByMessage(
            PendingConversation conversation,
            String customerPhone,
            List<StoredMessage> fresh,
            List<StoredMessage> window,
            boolean live) {
        List<ChatMessage> chat =
                window.stream().map(StoredMessage::toChatMessage).toList();
        List<RecordService.CausedDraft> drafts = new ArrayList<>();
        Extractor.MessageByMessage reader =
                extractor.messageByMessage(conversation.id(), conversation.phoneNumberId(), customerPhone, live);
        int start = 0;
        int next = 0; // the fresh messages are the window's unextracted ones, in the same order
        for (int i = 0; i < window.size() && next < fresh.size(); i++) {
            StoredMessage message = window.get(i);
            if (message.id() != fresh.get(next).id()) {
                continue;
            }
            next++;
            Instant since = message.sentAt().minus(properties.window());
            while (window.get(start).sentAt().isBefore(since)) {
                start++;
            }
            for (RecordDraft draft : reader.drafts(chat, start, i + 1)) {
                drafts.add(new RecordService.CausedDraft(draft, message.externalId()));
            }
        }
        return drafts;
    }

    /** A WhatsApp id is the number's digits; an export author without a number has a name key instead. */
    private static String customerPhone(String customerWaId) {
        return !customerWaId.isEmpty() && customerWaId.chars().allMatch(Character::isDigit) ? "+" + customerWaId : null;
    }

    /**
     * Sets a conversation aside after its savepoint was rolled back: the error goes to the log (masked id,
     * stack) and onto the conversation ({@code extraction_error}, V102), where the dashboard shows it.
     */
    private void park(PendingConversation conversation, Throwable e) {
        log.error(
                "Extraction failed for conversation {}; its messages stay unextracted until it is retried",
                Pii.maskConversation(conversation.id()),
                e);
        jdbc.sql("update conversation set extraction_error = ?, extraction_failed_at = now() where id = ?")
                .params(describe(e), conversation.id())
                .update();
    }

    /** The error's type and message, short: what an admin reads on the dashboard before opening the log. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank()
                ? e.getClass().getName()
                : e.getClass().getName() + ": " + message.strip();
        return text.length() <= ERROR_CHARS ? text : text.substring(0, ERROR_CHARS - 1) + "…";
    }

    private record PendingConversation(String id, String phoneNumberId, String customerWaId, Instant lastMessageAt) {}

    record StoredMessage(
            long id,
            String conversationId,
            String externalId,
            String direction,
            String senderName,
            String type,
            String text,
            Instant sentAt) {

        static StoredMessage read(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
            return new StoredMessage(
                    rs.getLong("id"),
                    rs.getString("conversation_id"),
                    rs.getString("external_id"),
                    rs.getString("direction"),
                    rs.getString("sender_name"),
                    rs.getString("type"),
                    rs.getString("text"),
                    rs.getTimestamp("sent_at").toInstant());
        }

        ChatMessage toChatMessage() {
            return new ChatMessage(
                    externalId, "out".equals(direction), senderName, sentAt, type, text == null ? "" : text);
        }
    }
}
