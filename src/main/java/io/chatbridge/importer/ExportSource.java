package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One exported chat: a {@code .txt}, or the {@code .txt} inside an export {@code .zip} together with its
 * media. It can be opened more than once (the importer reads each file twice, streaming both times).
 */
abstract class ExportSource implements Closeable {

    private static final int BUFFER = 1 << 16;

    /** The file name, for the summary; no directories (they may name a person). */
    abstract String name();

    abstract InputStream openText() throws IOException;

    /** The attached file of that name, or null when the export has no media (or not that one). */
    InputStream media(String fileName) throws IOException {
        return null;
    }

    BufferedReader open() throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(openText(), decoder), BUFFER);
    }

    @Override
    public void close() throws IOException {}

    /**
     * What a path holds (a file, a zip, or every {@code .txt} and {@code .zip} directly in a folder, in name
     * order): its exports, and the files of a folder that cannot be opened as one (a zip cut
     * short, a zip of several chats), each with why. The other files of the folder are still imported; a
     * single file that cannot be opened, or a folder of which none can, fails the import.
     */
    record Opened(List<ExportSource> sources, List<String> refused) {}

    /** Why a file was left out, naming it once: most of the reasons name it already. */
    static String why(String fileName, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(fileName) ? message : fileName + ": " + message;
    }

    static Opened openAll(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<ExportSource> sources = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            IOException first = null;
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(ExportSource::isExport).sorted().toList()) {
                    try {
                        sources.add(single(file));
                    } catch (IOException e) {
                        refused.add(why(file.getFileName().toString(), e));
                        first = first == null ? e : first;
                    }
                }
            }
            if (sources.isEmpty()) {
                throw first != null ? first : new IOException("no .txt or .zip export in folder " + path.getFileName());
            }
            return new Opened(sources, refused);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + path.getFileName());
        }
        return new Opened(List.of(single(path)), List.of());
    }

    private static boolean isExport(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".zip"));
    }

    private static ExportSource single(Path file) throws IOException {
        return isZip(file) ? ZipExport.open(file) : new TextExport(file);
    }

    /** By its first bytes, not its name: an upload may come without one, and a zip may be renamed. */
    private static boolean isZip(Path file) throws IOException {
        byte[] start = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, 4);
        }
        return read == 4
                && start[0] == 'P'
                && start[1] == 'K'
                && (start[2] == 3 || start[2] == 5)
                && start[3] == start[2] + 1;
    }

    /** Whether a text starts like an export: its first line that is not blank starts with a date and time. */
    private static boolean startsLikeChat(InputStream text) throws IOException {
        try (Reader reader = new InputStreamReader(text, StandardCharsets.UTF_8)) {
            ExportLines lines = new ExportLines(reader);
            String line;
            for (int i = 0; i < 20 && (line = lines.next()) != null; i++) {
                if (!line.isBlank()) {
                    return new TimestampPrefix().scan(line);
                }
            }
            return false;
        }
    }

    private static final class TextExport extends ExportSource {
        private final Path file;

        TextExport(Path file) {
            this.file = file;
        }

        @Override
        String name() {
            return file.getFileName().toString();
        }

        @Override
        InputStream openText() throws IOException {
            return Files.newInputStream(file);
        }
    }

    /**
     * iOS zips hold {@code _chat.txt}, Android ones {@code WhatsApp Chat with ….txt} (in the phone's language)
     * beside the media, which may include {@code .txt} documents; {@code __MACOSX/} is ignored. The chat is
     * {@code _chat.txt}, or else the one text file that starts like an export. A zip of several chats is
     * refused rather than imported one chat of it.
     */
    private static final class ZipExport extends ExportSource {
        private final Path file;
        private final ZipFile zip;
        private final ZipEntry chat;

        private ZipExport(Path file, ZipFile zip, ZipEntry chat) {
            this.file = file;
            this.zip = zip;
            this.chat = chat;
        }

        static ZipExport open(Path file) throws IOException {
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
            } catch (java.util.zip.ZipException e) {
                throw new IOException(
                        file.getFileName() + " is a zip that cannot be read (" + e.getMessage() + "): was it cut "
                                + "short when it was copied or downloaded? Export the chat again, or import its .txt",
                        e);
            }
            try {
                return new ZipExport(file, zip, chat(zip, file));
            } catch (IOException | RuntimeException e) {
                zip.close();
                throw e;
            }
        }

        private static ZipEntry chat(ZipFile zip, Path file) throws IOException {
            List<ZipEntry> texts = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String base = baseName(entry);
                if (!entry.isDirectory()
                        && !entry.getName().startsWith("__MACOSX/")
                        && !base.startsWith(".")
                        && base.toLowerCase(Locale.ROOT).endsWith(".txt")) {
                    texts.add(entry);
                }
            }
            if (texts.isEmpty()) {
                throw new IOException("no chat .txt inside " + file.getFileName());
            }
            List<ZipEntry> chats =
                    texts.stream().filter(e -> baseName(e).equals("_chat.txt")).toList();
            if (chats.isEmpty()) {
                chats = new ArrayList<>();
                for (ZipEntry text : texts) {
                    try {
                        if (startsLikeChat(zip.getInputStream(text))) {
                            chats.add(text);
                        }
                    } catch (java.util.zip.ZipException | java.io.EOFException e) {
                        // damaged: no chat by its look; if it is the only text, reading it says so
                    }
                }
            }
            if (chats.size() > 1) {
                throw new IOException(file.getFileName() + " holds " + chats.size()
                        + " chats; unzip it and import the folder, or import each chat's own zip");
            }
            return chats.isEmpty() ? texts.get(0) : chats.get(0);
        }

        private static String baseName(ZipEntry entry) {
            String name = entry.getName();
            return name.substring(name.lastIndexOf('/') + 1);
        }

        @Override
        String name() {
            return file.getFileName().toString();
        }

        /** Chats pack 3 to 15 times; one that unpacks to far more is no chat (and no end of reading it). */
        @Override
        InputStream openText() throws IOException {
            return new UnpackLimit(
                    zip.getInputStream(chat),
                    UnpackLimit.allowed(chat.getCompressedSize()),
                    "the chat's text in " + file.getFileName(),
                    file.getFileName() + " is damaged: its chat cannot be unpacked");
        }

        @Override
        InputStream media(String fileName) throws IOException {
            String folder = chat.getName().substring(0, chat.getName().lastIndexOf('/') + 1);
            ZipEntry entry = zip.getEntry(folder + fileName);
            if (entry == null && fileName.contains("/")) {
                return null;
            }
            return entry == null || entry.isDirectory()
                    ? null
                    : new UnpackLimit(
                            zip.getInputStream(entry),
                            UnpackLimit.allowed(entry.getCompressedSize()),
                            "it",
                            "it cannot be unpacked, the zip is damaged there");
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /**
     * A file unpacked from a zip (media, or the chat's text) that grows past what it can: more
     * than {@link UnpackLimit#RATIO} times its packed size (photos, videos and voice notes hardly pack at all), or past
     * WhatsApp's 2 GB for a document. A "zip bomb" of a few kilobytes unpacks to terabytes of zeros, and the
     * media folder shares its disk with the database.
     */
    static final class UnpackedTooLarge extends IOException {
        UnpackedTooLarge(String subject, long allowed) {
            super(String.format(
                    Locale.ROOT, "%s unpacks to more than %,d bytes, far more than its packed size", subject, allowed));
        }
    }

    /**
     * A zip entry whose packed bytes cannot be unpacked (a bit flipped in a copy, a file cut short inside an
     * entry): said with the file, instead of the inflater's words alone ("invalid code lengths set").
     */
    static final class Damaged extends IOException {
        Damaged(String what, IOException cause) {
            super(what + " (" + cause.getMessage() + ")", cause);
        }
    }

    /**
     * Counts the bytes read from a zip entry and stops past {@link #allowed}; an entry that cannot be unpacked
     * ends in {@link Damaged}.
     */
    static final class UnpackLimit extends java.io.FilterInputStream {

        static final long RATIO = 100;
        /** Small files (a short text document) may pack better than {@link #RATIO}. */
        static final long FLOOR = 1 << 20;
        /** WhatsApp's largest document. */
        static final long CEILING = 2L << 30;

        private final long allowed;
        private final String subject;
        private final String whenDamaged;
        private long read;

        UnpackLimit(InputStream in, long allowed, String subject, String whenDamaged) {
            super(in);
            this.allowed = allowed;
            this.subject = subject;
            this.whenDamaged = whenDamaged;
        }

        /** @param packed the entry's packed size, or -1 when the zip does not say */
        static long allowed(long packed) {
            return packed < 0 ? CEILING : Math.min(CEILING, Math.max(FLOOR, packed * RATIO));
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new Damaged(whenDamaged, e);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new Damaged(whenDamaged, e);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            try {
                skipped = super.skip(n);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new Damaged(whenDamaged, e);
            }
            count(skipped);
            return skipped;
        }

        private void count(long n) throws UnpackedTooLarge {
            read += n;
            if (read > allowed) {
                throw new UnpackedTooLarge(subject, allowed);
            }
        }
    }
}
