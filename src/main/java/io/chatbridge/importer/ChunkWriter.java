package io.chatbridge.importer;

import io.chatbridge.conversation.ExportChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cuts the parsed messages into chunks of a few hundred and hands them to {@link #WRITERS} writer threads,
 * which store them ({@link ChunkStore}) while the file is still being read: two database sessions insert
 * messages at once, and the reading thread only waits when both fall behind.
 *
 * <p>A chunk holds the messages of a lane of {@link #LANE} conversations, in file order. A group chat's
 * lines interleave all its customers, so chunks cut in file order each named about a hundred
 * conversations, and storing every chunk rewrote every one of them (170,900 non-HOT conversation
 * upserts for a 1,000,000-line export, whose dead versions every message's foreign-key check stepped
 * over). A chunk of one conversation is no better: its messages then fill whole table pages. A lane of 16
 * conversations keeps consecutive rows mostly of different conversations. Lanes wait for a full chunk;
 * when {@link #BUFFERED} messages wait, the fullest lane is written, so memory stays bounded.
 *
 * <p>Each lane always goes to the same writer, so a conversation's chunks are stored one after another in
 * file order (message ids follow the file, and extraction reads a conversation in that order), and the
 * two writers never wait for each other's conversation rows.
 */
final class ChunkWriter {

    static final int CHUNK_SIZE = 500;
    /** Conversations that share chunks. */
    static final int LANE = 16;
    /** Messages held at most, over all lanes: a few megabytes. */
    static final int BUFFERED = 40 * CHUNK_SIZE;
    /**
     * Characters of text held at most, over all lanes, and in one chunk: a chat of long messages (WhatsApp
     * allows 65,536 characters) would otherwise hold gigabytes in {@link #BUFFERED} messages.
     */
    static final int BUFFERED_CHARS = 8_000_000;

    static final int CHUNK_CHARS = 1_000_000;
    /** Threads storing chunks: each keeps a database session busy. */
    static final int WRITERS = 2;
    /** Chunks waiting per writer before the reading thread waits too. */
    private static final int QUEUED = 2;

    /** Null for a dry run: messages are counted, nothing is written. */
    private final ChunkStore store;

    private final Map<String, Integer> lanes = new HashMap<>();
    private final Map<Integer, Held> pending = new LinkedHashMap<>();
    private long bufferedChars;
    private final List<ThreadPoolExecutor> writers = new ArrayList<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final AtomicLong newMessages = new AtomicLong();
    private int buffered;

    /** @param store null for a dry run */
    ChunkWriter(ChunkStore store) {
        this.store = store;
        if (store != null) {
            for (int i = 0; i < WRITERS; i++) {
                writers.add(writer(i));
            }
        }
    }

    private static ThreadPoolExecutor writer(int number) {
        ThreadPoolExecutor writer =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), task -> {
                    Thread thread = new Thread(task, "import-write-" + number);
                    thread.setDaemon(true);
                    return thread;
                });
        writer.setRejectedExecutionHandler((task, executor) -> { // the reader waits: memory stays bounded
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("the import's writers have stopped");
            }
            try {
                executor.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException(e);
            }
        });
        return writer;
    }

    void add(ExportChunk.Message message) throws IOException {
        int lane = lanes.computeIfAbsent(ChunkStore.conversation(message), c -> lanes.size() / LANE);
        Held held = pending.computeIfAbsent(lane, l -> new Held());
        int chars = message.text() == null ? 0 : message.text().length();
        held.messages.add(message);
        held.chars += chars;
        buffered++;
        bufferedChars += chars;
        if (held.messages.size() == CHUNK_SIZE || held.chars >= CHUNK_CHARS) {
            writeLane(lane);
        } else if (buffered >= BUFFERED || bufferedChars >= BUFFERED_CHARS) {
            writeLane(fullest());
        }
    }

    private int fullest() {
        return pending.entrySet().stream()
                .max(Map.Entry.comparingByValue(Comparator.comparingInt(held -> held.messages.size())))
                .orElseThrow()
                .getKey();
    }

    private void writeLane(int lane) throws IOException {
        Held held = pending.remove(lane);
        buffered -= held.messages.size();
        bufferedChars -= held.chars;
        write(lane, held.messages);
    }

    /** Writes every message still held and waits until the writers have stored them all. */
    void flush() throws IOException {
        for (Integer lane : List.copyOf(pending.keySet())) {
            writeLane(lane);
        }
        for (ThreadPoolExecutor writer : writers) {
            writer.shutdown();
        }
        try {
            for (ThreadPoolExecutor writer : writers) {
                while (!writer.awaitTermination(1, TimeUnit.SECONDS)) {
                    rethrow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the import's writers finished", e);
        }
        rethrow();
    }

    private void write(int lane, List<ExportChunk.Message> chunk) throws IOException {
        rethrow();
        if (chunk.isEmpty()) {
            return;
        }
        if (store == null) {
            newMessages.addAndGet(chunk.size());
            return;
        }
        writers.get(lane % WRITERS).execute(() -> {
            if (failure.get() != null) {
                return; // the import fails: store nothing more
            }
            try {
                newMessages.addAndGet(store.store(chunk));
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, new IOException("could not store imported messages: " + e, e));
            }
        });
    }

    private void rethrow() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            writers.forEach(ThreadPoolExecutor::shutdownNow);
            throw e;
        }
    }

    /**
     * Stops the writers when the import ends before {@link #flush()}: the chunks waiting are dropped, and
     * the one each writer is storing is let finish (it commits or rolls back whole), so that the database
     * is not closed under it.
     */
    void abandon() {
        writers.forEach(ThreadPoolExecutor::shutdownNow);
        try {
            for (ThreadPoolExecutor writer : writers) {
                writer.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long newMessages() {
        return newMessages.get();
    }

    /** A lane's messages waiting for their chunk, and their characters of text. */
    private static final class Held {
        final List<ExportChunk.Message> messages = new ArrayList<>();
        int chars;
    }
}
