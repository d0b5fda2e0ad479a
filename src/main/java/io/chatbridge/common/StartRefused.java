package io.chatbridge.common;

/**
 * A start refused for a setting the admin has to change (no admin password, a durability setting, a JVM
 * option that would strand the embedded database). {@link StartRefusedFailureAnalyzer} prints the reason
 * and what to do, without the stack trace of the beans that were being created.
 */
public class StartRefused extends IllegalStateException {

    private final String action;

    public StartRefused(String reason, String action) {
        super(reason);
        this.action = action;
    }

    /** What to change before starting again. */
    public String action() {
        return action;
    }
}
