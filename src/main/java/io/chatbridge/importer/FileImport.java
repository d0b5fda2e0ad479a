package io.chatbridge.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.conversation.ExportChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
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
    private final ExportClock clock;
    /** Whether the file held a message, a deleted one or a system line: whether it reads as an export. */
    private boolean recognised;
    /** Lines of this file that could not be read. */
    private long unreadableHere;
    /** Where this file's lines begin in the summary's list. */
    private final int listedFrom;

    private final ImportProgress progress;
    private final long linesBefore;
    private final MessageIds ids;
    private final Tally tally;

    /**
     * Where messages go: the business side of conversation ids, the zone, the media folder (or none), and
     * which conversations were imported before V100 (their ids hash authors' names, {@link MessageIds}).
     */
    record ImportTarget(
            String phoneNumberId,
            String businessNumber,
            ZoneId zone,
            MediaStore media,
            Predicate<String> idsByAuthor) {}

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

        /** Names a line in the summary; past {@link #MAX_LISTED} lines only the counts go on. */
        void list(String line) {
            if (unreadableLines.size() < MAX_LISTED) {
                unreadableLines.add(line);
            }
        }

        /** A note about a whole file, before the lines of it listed from {@code index} on; within the cap. */
        void note(int index, String note) {
            unreadableLines.add(Math.min(index, unreadableLines.size()), note);
            if (unreadableLines.size() > MAX_LISTED) {
                unreadableLines.remove(unreadableLines.size() - 1);
            }
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
        this.ids = new MessageIds(target.idsByAuthor());
        this.clock = new ExportClock(target.zone());
        this.listedFrom = tally.unreadableLines.size();
    }

    @Override
    public void message(ExportMessage message) {
        if (progress.stopRequested()) {
            throw ImportStopped.whileReading();
        }
        progress.lineRead(message.line(), linesBefore);
        recognised = true;
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
                    ids.next(conversationId, message, place.fromBusiness()),
                    target.phoneNumberId(),
                    target.businessNumber(),
                    place.customerId(),
                    place.customerName(),
                    place.fromBusiness() ? "out" : "in",
                    message.author(),
                    message.type(),
                    message.text(),
                    media(message),
                    clock.instant(message.time()).toString(),
                    message.line()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the message is stored with media (a photo, a voice note, a file, an omitted one). */
    static boolean isMedia(ExportMessage message) {
        return !"text".equals(message.type()) && !"poll".equals(message.type());
    }

    private ObjectNode media(ExportMessage message) throws IOException {
        if (!isMedia(message)) {
            return null;
        }
        if (message.mediaFile() != null && target.media() != null) {
            InputStream in = source.media(message.mediaFile());
            if (in != null) {
                try {
                    ObjectNode stored = target.media().store(message.mediaFile(), message.type(), in);
                    tally.media++;
                    return stored;
                } catch (ExportSource.UnpackedTooLarge | ExportSource.Damaged e) {
                    tally.list(source.name() + " line " + message.line() + ": the attached file was not kept: "
                            + e.getMessage());
                }
            }
        }
        return MediaStore.describe(message.mediaFile(), message.type());
    }

    @Override
    public void systemLine(int line) {
        recognised = true;
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
     * Says, first among the file's notes, when the file held nothing an export holds: an empty file, or a
     * text that is no export (all its lines unreadable), so the summary does not read as a chat imported
     * with a few bad lines.
     *
     * <p>Says once per file, among the unreadable lines' notes, that some lines were not UTF-8: WhatsApp writes
     * UTF-8, so such a file was most likely saved again in another encoding (Windows' "ANSI"), and its
     * accents and emoji were imported as U+FFFD.
     */
    @Override
    public void end() {
        if (!recognised) {
            tally.note(
                    listedFrom,
                    unreadableHere == 0
                            ? source.name() + ": nothing to import, the file is empty"
                            : String.format(
                                    Locale.ROOT,
                                    "%s: no WhatsApp message in it: none of its %,d line(s) starts as an export's "
                                            + "do (a date and a time, then the author); is it a chat export?",
                                    source.name(),
                                    unreadableHere));
        }
        if (notUtf8 > 0) {
            tally.list(String.format(
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
    public void cut(int line) {
        tally.list(String.format(
                Locale.ROOT,
                "%s line %d: a message longer than WhatsApp allows (%,d characters), imported up to there",
                source.name(),
                line,
                ExportLines.MAX_MESSAGE));
    }

    @Override
    public void unreadable(int line, String reason) {
        tally.unreadable++;
        unreadableHere++;
        tally.list(source.name() + " line " + line + ": " + reason);
    }
}
