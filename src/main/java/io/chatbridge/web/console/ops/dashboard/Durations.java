package io.chatbridge.web.console.ops.dashboard;

/** Durations as people say them on the dashboard: "45 s", "12 min", "3.5 h", "2.0 days". */
final class Durations {

    private Durations() {}

    static String words(double seconds) {
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 3600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 86400) {
            return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(java.util.Locale.ROOT, "%.1f days", seconds / 86400);
    }
}
