package io.chatbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Holds the active mapping set and swaps it when the files change. A broken edit never takes the
 * running pipeline down: the previous valid set stays active and the problems are exposed until the
 * files are fixed.
 */
public final class MappingRegistry implements AutoCloseable {

    private final Path dir;
    private final MappingLoader loader;
    private final List<Consumer<MappingSet>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<MappingProblem>>> rejections = new CopyOnWriteArrayList<>();
    private volatile MappingSet current;
    private volatile List<MappingProblem> problems = List.of();
    private volatile String fingerprint = "";
    private ScheduledExecutorService watcher;

    public MappingRegistry(Path dir, MappingLoader loader) {
        this.dir = dir;
        this.loader = loader;
    }

    /** Loads the folder now; returns the problems (empty when the new set became active). */
    public synchronized List<MappingProblem> reload() {
        fingerprint = fingerprint();
        MappingLoader.Result result = loader.load(dir);
        problems = result.problems();
        if (result.valid()) {
            current = result.mappings().orElseThrow();
            listeners.forEach(l -> l.accept(current));
        } else {
            rejections.forEach(r -> r.accept(problems));
        }
        return problems;
    }

    /** The last valid set; throws when none was ever loaded. */
    public MappingSet current() {
        MappingSet set = current;
        if (set == null) {
            throw new IllegalStateException("no valid mappings loaded from " + dir + ": " + problems);
        }
        return set;
    }

    public boolean hasValidSet() {
        return current != null;
    }

    /** Problems of the latest load attempt; empty when the files on disk are the active set. */
    public List<MappingProblem> problems() {
        return problems;
    }

    public Path dir() {
        return dir;
    }

    public void onChange(Consumer<MappingSet> listener) {
        listeners.add(listener);
    }

    /** Called with the problems when a reload found the files broken (the previous set stays active). */
    public void onRejected(Consumer<List<MappingProblem>> listener) {
        rejections.add(listener);
    }

    /** Checks the files' sizes and modification times every {@code interval}; reloads when they change. */
    public synchronized void watch(Duration interval) {
        if (watcher != null || interval.isZero() || interval.isNegative()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mappings-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(
                this::reloadIfChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads when the folder's contents changed since the last load; returns whether it reloaded. */
    public boolean reloadIfChanged() {
        if (Objects.equals(fingerprint(), fingerprint)) {
            return false;
        }
        reload();
        return true;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private String fingerprint() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .map(MappingRegistry::stamp)
                    .collect(Collectors.joining(";"));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String stamp(Path file) {
        try {
            return file.getFileName() + ":" + Files.size(file) + ":"
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file.getFileName() + ":gone";
        }
    }
}
