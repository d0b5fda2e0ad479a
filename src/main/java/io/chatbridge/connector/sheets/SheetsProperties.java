package io.chatbridge.connector.sheets;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Google Sheets connector's settings ({@code chatbridge.sheets.*}). The root URL and the token URL
 * (the credentials file's {@code token_uri}) are what tests point at the fake Sheets API.
 *
 * @param rootUrl the Sheets API root ({@code https://sheets.googleapis.com/})
 * @param credentialsFile a service-account JSON key, or an {@code authorized_user} file with a refresh
 *     token; required as soon as a mapping binds a record type to a sheet
 * @param pollInterval how often each bound tab is read for changes made in the sheet
 * @param flushInterval how often queued records are written; longer means bigger batches, fewer requests
 * @param writeRequestsPerMinute write budget shared by every worker and instance (Google allows 60 per user)
 * @param readRequestsPerMinute read budget, likewise
 * @param requestTimeout connect and read timeout of one API call
 * @param maxRetries retries of one call on 429, 5xx and timeouts before the batch is handed back to the outbox
 * @param backoffUnit the {@code 2^n} unit of Google's backoff formula (one second; shorter in tests)
 * @param maxBackoff the cap of Google's backoff formula (Google suggests 32 or 64 seconds)
 */
@ConfigurationProperties("chatbridge.sheets")
public record SheetsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("https://sheets.googleapis.com/") String rootUrl,
        Path credentialsFile,
        @DefaultValue("15s") Duration pollInterval,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("50") int writeRequestsPerMinute,
        @DefaultValue("50") int readRequestsPerMinute,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration backoffUnit,
        @DefaultValue("32s") Duration maxBackoff) {}
