package io.chatbridge.importer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an import did, for the terminal and the API. Names appear only in {@code businessDecision}
 * (the person running the import needs to check it); never in logs.
 *
 * @param continued one line per one-to-one chat that continues a stored conversation of another
 *     customer key ({@link ChatContinuation}): its customer was shown under another name before
 * @param messages messages read from the files (system lines and deleted messages not included)
 * @param newMessages messages the inbox did not hold before (a re-import adds none)
 * @param receivedBefore messages not stored because they reached chatbridge another way first: by webhook,
 *     or sent by it, on a number that is on the Cloud API and the WhatsApp Business app at once ({@link
 *     LiveTwins})
 * @param notImported files of an imported folder left out, each with why (a zip cut short, a zip of
 *     several chats, a damaged chat); the folder's other files were imported
 * @param recordsByType records in the imported conversations created by this import, per type
 */
public record ImportSummary(
        boolean dryRun,
        List<String> files,
        List<String> notImported,
        List<String> dateOrders,
        String businessDecision,
        List<String> continued,
        int conversations,
        long lines,
        long messages,
        long newMessages,
        long receivedBefore,
        long systemLines,
        long deletedMessages,
        long mediaStored,
        long unreadableLines,
        List<String> unreadable,
        Map<String, Long> recordsByType,
        Duration took) {

    public ImportSummary {
        notImported = notImported == null ? List.of() : notImported; // a summary stored before it had them
    }

    public long records() {
        return recordsByType.values().stream().mapToLong(Long::longValue).sum();
    }
}
