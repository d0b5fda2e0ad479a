package io.chatbridge.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps media from export zips under {@code <data-dir>/media/<sha-256>}: named by content, so the same
 * photo in two exports (or a re-import) is stored once, and no file name (which may carry a name or a
 * date) becomes a path.
 */
final class MediaStore {

    private final Path folder;

    MediaStore(Path dataDir) {
        this.folder = dataDir.toAbsolutePath().normalize().resolve("media");
    }

    /** Stores the stream and returns the message's {@code media} JSON. */
    ObjectNode store(String fileName, String type, InputStream in) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "incoming-", ".part");
        MessageDigest sha256 = sha256();
        long size;
        try (in;
                OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp); // nothing half-written stays behind
            throw e;
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        Path target = folder.resolve(hash);
        if (Files.exists(target)) {
            Files.delete(temp);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return describe(fileName, type)
                .put("sha256", hash)
                .put("path", "media/" + hash)
                .put("size", size);
    }

    /** The media JSON of a file the export names but does not carry (a {@code .txt} without its zip). */
    static ObjectNode describe(String fileName, String type) {
        ObjectNode media = JsonNodeFactory.instance.objectNode().put("type", type);
        return fileName == null ? media.put("omitted", true) : media.put("file", fileName);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
