package io.chatbridge.support.sheets;

import io.chatbridge.support.sheets.FakeSheets.Fault;
import io.chatbridge.support.sheets.FakeSheets.Kind;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time-boxed fault windows for the fault drills ({@code bench/drills/}), switched while the fake runs:
 * an outage (every call 503), a throttle (every call 429) or ambiguous appends (a share of the appends
 * is committed but answered 503, as Google sometimes does). Unlike {@link FakeSheets#failNext} they last
 * for a duration rather than a number of calls, which is how real outages look to a sink.
 */
public final class DrillFaults {

    /** What a window does. */
    public enum Mode {
        NONE,
        UNAVAILABLE,
        TOO_MANY_REQUESTS,
        AMBIGUOUS_APPENDS
    }

    private record Window(Mode mode, long untilNanos, double share) {}

    private volatile Window window = new Window(Mode.NONE, 0, 0);
    private final AtomicInteger ambiguousAnswers = new AtomicInteger();

    /**
     * Starts a window, replacing the one before.
     *
     * @param duration how long it lasts; zero or negative for as long as the fake runs
     * @param share for {@link Mode#AMBIGUOUS_APPENDS}: the share of appends that wrote but answer 503
     */
    public void start(Mode mode, Duration duration, double share) {
        long until =
                duration.isZero() || duration.isNegative() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        window = new Window(mode, until, share);
    }

    /** The mode in force now ({@link Mode#NONE} once the window is over). */
    public Mode mode() {
        Window w = window;
        return System.nanoTime() - w.untilNanos() < 0 || w.untilNanos() == Long.MAX_VALUE ? w.mode() : Mode.NONE;
    }

    /** Appends answered 503 although they were written. */
    public int ambiguousAnswers() {
        return ambiguousAnswers.get();
    }

    /** The fault for this call: the window's, else the one planned by a test. */
    Fault override(Kind kind, Fault planned) {
        switch (mode()) {
            case UNAVAILABLE -> {
                return Fault.UNAVAILABLE;
            }
            case TOO_MANY_REQUESTS -> {
                return Fault.TOO_MANY_REQUESTS;
            }
            case AMBIGUOUS_APPENDS -> {
                if (kind == Kind.APPEND && ThreadLocalRandom.current().nextDouble() < window.share()) {
                    ambiguousAnswers.incrementAndGet();
                    return Fault.WROTE_BUT_UNAVAILABLE;
                }
                return planned;
            }
            default -> {
                return planned;
            }
        }
    }
}
