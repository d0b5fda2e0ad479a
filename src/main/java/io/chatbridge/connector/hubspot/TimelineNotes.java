package io.chatbridge.connector.hubspot;

import io.chatbridge.record.RecordSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the conversation on the contact's timeline: for each record, the messages not yet there become
 * one note (associated with the contact and the deal), up to 100 notes per request. A record whose
 * messages are all there already costs nothing.
 */
class TimelineNotes {

    private static final int MAX_BODY = 65_000;
    private static final int MAX_MESSAGES = 200;
    private static final Duration FIRST_NOTE_WINDOW = Duration.ofHours(48);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private record Pending(RecordSnapshot record, HubSpotClient.NoteInput note, Instant until) {}

    private final HubSpotClient client;
    private final HubSpotStore store;
    private final ZoneId zone;

    TimelineNotes(HubSpotClient client, HubSpotStore store, ZoneId zone) {
        this.client = client;
        this.store = store;
        this.zone = zone;
    }

    void add(
            List<RecordSnapshot> records,
            Map<Long, String> dealIds,
            Map<Long, String> contactIds,
            Map<Long, String> ownerIds,
            HubSpotWriter.Failures failures) {
        Map<Long, HubSpotStore.Deal> deals =
                store.deals(records.stream().map(RecordSnapshot::id).toList());
        List<Pending> pending = new ArrayList<>();
        for (RecordSnapshot r : records) {
            if (r.conversationId() == null || !deals.containsKey(r.id())) {
                continue;
            }
            HubSpotStore.Deal deal = deals.get(r.id());
            Instant after = deal.notedUntil();
            if (deal.notingUntil() != null) {
                Boolean created = cutOffNoteExists(deal, dealIds.get(r.id()), failures, r.id());
                if (created == null) {
                    continue; // HubSpot could not say: the failure sends the record back to the queue
                }
                if (created) {
                    store.markNoted(r.id(), deal.notingUntil());
                    after = deal.notingUntil();
                }
            }
            List<HubSpotStore.Message> messages = store.messagesAfter(
                    r.conversationId(), after != null ? after : r.createdAt().minus(FIRST_NOTE_WINDOW), MAX_MESSAGES);
            if (messages.isEmpty()) {
                continue;
            }
            List<HubSpotStore.Message> included = fitting(messages);
            String body = body(r, included);
            Instant until = included.get(included.size() - 1).sentAt();
            pending.add(new Pending(
                    r,
                    new HubSpotClient.NoteInput(
                            until.toEpochMilli(),
                            body,
                            ownerIds.get(r.id()),
                            contactIds.get(r.id()),
                            dealIds.get(r.id())),
                    until));
        }
        for (List<Pending> chunk : HubSpotWriter.chunks(pending)) {
            try {
                Map<Long, Instant> noting = new HashMap<>();
                chunk.forEach(p -> noting.put(p.record().id(), p.until()));
                store.markNoting(noting);
                client.createNotes(chunk.stream().map(Pending::note).toList());
                chunk.forEach(p -> store.markNoted(p.record().id(), p.until()));
            } catch (HubSpotApiException e) {
                chunk.forEach(p -> failures.put(p.record().id(), SinkExceptions.of(e)));
            }
        }
    }

    /**
     * Whether the note a cut-off call was writing (the deal still has {@code noting_until}: the call was
     * made, its bookkeeping never was) is in HubSpot; null when the look-up failed (the record's delivery
     * fails and is retried, rather than risk a second note). Asked before the next note is put together,
     * so messages that arrived since go into a note of their own rather than repeating the cut-off one.
     */
    private Boolean cutOffNoteExists(
            HubSpotStore.Deal deal, String dealId, HubSpotWriter.Failures failures, long recordId) {
        if (dealId == null) {
            return false;
        }
        try {
            return client.noteExists(dealId, deal.notingUntil().toEpochMilli());
        } catch (HubSpotApiException e) {
            failures.put(recordId, SinkExceptions.of(e));
            return null;
        }
    }

    /** The oldest messages whose lines fit one note; the rest go in the next delivery's note. */
    private List<HubSpotStore.Message> fitting(List<HubSpotStore.Message> messages) {
        int size = 200;
        int count = 0;
        for (HubSpotStore.Message m : messages) {
            size += 80 + m.text().length() * 6; // worst case: every character escaped
            if (size > MAX_BODY && count > 0) {
                break;
            }
            count++;
        }
        return messages.subList(0, count);
    }

    /** HubSpot renders note bodies as HTML: every message is escaped, one paragraph each. */
    String body(RecordSnapshot record, List<HubSpotStore.Message> messages) {
        StringBuilder html = new StringBuilder("<p><strong>WhatsApp · ")
                .append(escape(record.humanId()))
                .append("</strong></p>");
        Map<String, String> who = new HashMap<>();
        for (HubSpotStore.Message m : messages) {
            String author = "out".equals(m.direction())
                    ? "Business"
                    : who.computeIfAbsent("in", k -> m.senderName() == null ? "Customer" : m.senderName());
            String line = "<p>" + TIME.format(m.sentAt().atZone(zone)) + " " + escape(author) + ": "
                    + escape(m.text()).replace("\n", "<br>") + "</p>";
            html.append(line.length() > MAX_BODY ? line.substring(0, MAX_BODY - 200) + "…</p>" : line);
        }
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
