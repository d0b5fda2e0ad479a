package io.chatbridge.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.conversation.ExportChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The second pass over one exported chat: each message the parser reads is placed in its
 * conversation, given its stable id, linked to its media and handed to the chunk writer; system
 * lines, deleted messages and unreadable lines are counted for the summary.
 */
final class FileImport implements ExportListener {

    /** At most this many unreadable lines are listed by number; all are counted. */
    static final int MAX_LISTED = 100;
    /** At most this many lines that are not UTF-8 are named in the file's note. */
    private static final int NOT_UTF8_LISTED = 5;

    private final ExportSource source;
    private final ConversationPlacer placer;
    private final ImportTarget target;
    private final ChunkWriter writer;
    private final List<Integer> notUtf8Lines = new ArrayList<>();
    private long notUtf8;
    /** The latest instant a message of the file was placed at so far. */
    private Instant latest;

    private final ImportProgress progress;
    private final long linesBefore;
    private final MessageIds ids = new MessageIds();
    private final Tally tally;

    /** Where messages go: the business side of conversation ids, the zone, the media folder (or none). */
    record ImportTarget(String phoneNumberId, String businessNumber, ZoneId zone, MediaStore media) {}

    /** Counters shared by all files of one import. */
    static final class Tally {
        long messages;
        long system;
        long deleted;
        long media;
        long unreadable;
        final List<String> unreadableLines;
        final Set<String> conversations;

        Tally(List<String> unreadableLines, Set<String> conversations) {
            this.unreadableLines = unreadableLines;
            this.conversations = conversations;
        }
    }

    FileImport(
            ExportSource source,
            ConversationPlacer placer,
            ImportTarget target,
            ChunkWriter writer,
            ImportProgress progress,
            long linesBefore,
            Tally tally) {
        this.source = source;
        this.placer = placer;
        this.target = target;
        this.writer = writer;
        this.progress = progress;
        this.linesBefore = linesBefore;
        this.tally = tally;
    }

    @Override
    public void message(ExportMessage message) {
        progress.lineRead(message.line(), linesBefore);
        if (message.deleted()) {
            tally.deleted++;
            return;
        }
        tally.messages++;
        progress.messageParsed();
        ConversationPlacer.Placement place = placer.place(message.author());
        String conversationId = target.phoneNumberId() + ":" + place.customerId();
        tally.conversations.add(conversationId);
        try {
            writer.add(new ExportChunk.Message(
                    ids.next(conversationId, message),
                    target.phoneNumberId(),
                    target.businessNumber(),
                    place.customerId(),
                    place.customerName(),
                    place.fromBusiness() ? "out" : "in",
                    message.author(),
                    message.type(),
                    message.text(),
                    media(message),
                    instant(message.time()).toString(),
                    message.line()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A local time in the hour that comes twice when the clocks go back is read at its earlier offset,
     * unless that puts it before the file's previous message: then it is the second pass of that hour.
     * Exports list messages in the order they were sent, so the messages keep their order.
     */
    private Instant instant(LocalDateTime time) {
        ZonedDateTime zoned = time.atZone(target.zone());
        Instant at = zoned.toInstant();
        if (latest != null && at.isBefore(latest)) {
            Instant later = zoned.withLaterOffsetAtOverlap().toInstant();
            if (!later.isBefore(latest)) {
                at = later;
            }
        }
        if (latest == null || at.isAfter(latest)) {
            latest = at;
        }
        return at;
    }

    private ObjectNode media(ExportMessage message) throws IOException {
        if ("text".equals(message.type()) || "poll".equals(message.type())) {
            return null;
        }
        if (message.mediaFile() != null && target.media() != null) {
            InputStream in = source.media(message.mediaFile());
            if (in != null) {
                tally.media++;
                return target.media().store(message.mediaFile(), message.type(), in);
            }
        }
        return MediaStore.describe(message.mediaFile(), message.type());
    }

    @Override
    public void systemLine(int line) {
        tally.system++;
    }

    @Override
    public void notUtf8(int line) {
        if (notUtf8 < NOT_UTF8_LISTED) {
            notUtf8Lines.add(line);
        }
        notUtf8++;
    }

    /**
     * Says once per file, among the unreadable lines' notes, that some lines were not UTF-8: WhatsApp writes
     * UTF-8, so such a file was most likely saved again in another encoding (Windows' "ANSI"), and its
     * accents and emoji were imported as U+FFFD.
     */
    @Override
    public void end() {
        if (notUtf8 > 0 && tally.unreadableLines.size() < MAX_LISTED) {
            tally.unreadableLines.add(String.format(
                    Locale.ROOT,
                    "%s: %,d line(s) hold \uFFFD, the mark of bytes that are not UTF-8 (line %s%s); "
                            + "WhatsApp writes UTF-8: was the file saved again in another encoding?",
                    source.name(),
                    notUtf8,
                    notUtf8Lines.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    notUtf8 > notUtf8Lines.size() ? ", …" : ""));
        }
    }

    @Override
    public void unreadable(int line, String reason) {
        tally.unreadable++;
        if (tally.unreadableLines.size() < MAX_LISTED) {
            tally.unreadableLines.add(source.name() + " line " + line + ": " + reason);
        }
    }
}
