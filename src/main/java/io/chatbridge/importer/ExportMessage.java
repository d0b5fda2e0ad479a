package io.chatbridge.importer;

import java.time.LocalDateTime;

/**
 * One message read from an export, before it is placed in a conversation.
 *
 * @param line the line number of its first line (1-based)
 * @param time phone-local time as written in the export; the zone comes from the business settings
 * @param author the author as the exporting phone showed it (a saved name or a number)
 * @param text the text, or a media caption; markers ({@code <This message was edited>}) removed
 * @param type {@code text}, {@code image}, {@code video}, {@code audio}, {@code sticker}, {@code document},
 *     {@code contacts}, {@code poll}, or {@code media} when the export left media out without saying which
 * @param mediaFile the attached file's name when the export carried one, else null
 */
record ExportMessage(
        int line,
        LocalDateTime time,
        String author,
        String text,
        String type,
        String mediaFile,
        boolean edited,
        boolean deleted) {}
