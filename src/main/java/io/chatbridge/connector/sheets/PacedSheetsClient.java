package io.chatbridge.connector.sheets;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the API client with the two things every call needs: a token from the shared read or write
 * budget before it goes out, and Google's backoff on 429, 5xx and timeouts. An append whose failure
 * may have written is not retried here: only the writer can tell, by reading the id column, whether
 * its rows arrived.
 */
final class PacedSheetsClient implements SheetsClient {

    /** A shared request budget ({@link RequestBudget} in production). */
    interface Budget {
        void acquire() throws InterruptedException;
    }

    /** Waits; a seam so tests of the retry policy need not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws SheetsApiException;
    }

    private static final Logger log = LoggerFactory.getLogger(PacedSheetsClient.class);

    private final SheetsClient api;
    private final Budget reads;
    private final Budget writes;
    private final GoogleBackoff backoff;
    private final int maxRetries;
    private final Sleeper sleeper;

    PacedSheetsClient(
            SheetsClient api, Budget reads, Budget writes, GoogleBackoff backoff, int maxRetries, Sleeper sleeper) {
        this.api = api;
        this.reads = reads;
        this.writes = writes;
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    @Override
    public List<String> tabs(String spreadsheetId) throws SheetsApiException {
        return call("spreadsheets.get", reads, true, () -> api.tabs(spreadsheetId));
    }

    @Override
    public List<List<List<Object>>> read(String spreadsheetId, List<String> ranges) throws SheetsApiException {
        return call("values.batchGet", reads, true, () -> api.read(spreadsheetId, ranges));
    }

    @Override
    public void update(String spreadsheetId, List<CellWrite> writes) throws SheetsApiException {
        // writing the same cells again is harmless, so even an ambiguous failure is retried here
        call("values.batchUpdate", this.writes, true, () -> {
            api.update(spreadsheetId, writes);
            return null;
        });
    }

    @Override
    public String append(String spreadsheetId, String range, List<List<Object>> rows) throws SheetsApiException {
        return call("values.append", writes, false, () -> api.append(spreadsheetId, range, rows));
    }

    private <T> T call(String name, Budget budget, boolean idempotent, Call<T> call) throws SheetsApiException {
        for (int attempt = 0; ; attempt++) {
            try {
                budget.acquire();
                return call.run();
            } catch (SheetsApiException e) {
                if (!e.retryable() || attempt >= maxRetries || (!idempotent && e.mayHaveWritten())) {
                    throw e;
                }
                Duration wait = backoff.delay(attempt, e.retryAfter());
                log.warn(
                        "Sheets {} failed ({}), retry {} of {} in {} ms",
                        name,
                        e.status() == 0 ? "timeout" : e.status(),
                        attempt + 1,
                        maxRetries,
                        wait.toMillis());
                pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SheetsApiException(
                        "interrupted while waiting for the Sheets budget", 0, true, false, null, e);
            }
        }
    }

    private void pause(Duration wait) throws SheetsApiException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SheetsApiException("interrupted during backoff", 0, true, false, null, e);
        }
    }
}
