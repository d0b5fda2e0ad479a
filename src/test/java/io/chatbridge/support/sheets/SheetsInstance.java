package io.chatbridge.support.sheets;

import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.TestApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole chatbridge instance with the shipped mappings, its bookings bound to tab {@code Bookings} of
 * a spreadsheet in a {@link FakeSheets}, and the real Google client pointed at the fake.
 */
public final class SheetsInstance {

    public static final String TAB = "Bookings";

    private SheetsInstance() {}

    public static ConfigurableApplicationContext start(
            FakeSheets fake, String spreadsheetId, Path dir, String... extraProperties) {
        Path mappings = bindShippedMappings(dir.resolve("mappings"), spreadsheetId);
        List<String> args = new ArrayList<>(List.of(
                "--chatbridge.sheets.root-url=" + fake.rootUrl(),
                "--chatbridge.sheets.credentials-file=" + fake.serviceAccountFile(dir),
                "--chatbridge.sheets.poll-interval=1000",
                "--chatbridge.sheets.flush-interval=500",
                "--chatbridge.sheets.request-timeout=3s",
                "--chatbridge.sheets.backoff-unit=100ms",
                "--chatbridge.sheets.max-backoff=1s",
                "--chatbridge.outbox.max-backoff=2s"));
        for (String extra : extraProperties) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key));
            args.add(extra);
        }
        return TestApplication.startWithMappings(dir.resolve("data"), mappings, args.toArray(String[]::new));
    }

    /** Copies {@code mappings/} with {@code BOOKINGS_SPREADSHEET_ID} filled in, as the environment would. */
    public static Path bindShippedMappings(Path target, String spreadsheetId) {
        return ShippedMappings.copy(target, Map.of("${BOOKINGS_SPREADSHEET_ID:}", spreadsheetId));
    }
}
