package io.chatbridge.connector.sheets;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.api.services.sheets.v4.model.BatchUpdateValuesRequest;
import com.google.api.services.sheets.v4.model.Sheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SheetsClient} over the generated {@code google-api-services-sheets} client. We call the client
 * directly rather than through Camel's {@code google-sheets} component: the writer needs the raw
 * {@code updates.updatedRange} of an append, typed errors to tell an ambiguous failure from a refused
 * one, and a configurable root URL, and routes only wire timers to beans anyway.
 */
final class GoogleSheetsClient implements SheetsClient {

    private final Sheets sheets;

    GoogleSheetsClient(Sheets sheets) {
        this.sheets = sheets;
    }

    /** Builds the client from a service-account key or user refresh-token file; honours its {@code token_uri}. */
    static GoogleSheetsClient create(SheetsProperties properties) throws IOException {
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(properties.credentialsFile())) {
            credentials = GoogleCredentials.fromStream(in).createScoped(List.of(SheetsScopes.SPREADSHEETS));
        }
        HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
        int timeout = (int) properties.requestTimeout().toMillis();
        HttpRequestInitializer initializer = request -> {
            auth.initialize(request);
            request.setConnectTimeout(timeout);
            request.setReadTimeout(timeout);
            request.setNumberOfRetries(0); // retries are ours: an append must not be repeated blindly
        };
        Sheets sheets = new Sheets.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(properties.rootUrl())
                .setApplicationName("chatbridge")
                .build();
        return new GoogleSheetsClient(sheets);
    }

    @Override
    public List<String> tabs(String spreadsheetId) throws SheetsApiException {
        try {
            List<Sheet> tabs = sheets.spreadsheets()
                    .get(spreadsheetId)
                    .setFields("sheets.properties.title")
                    .execute()
                    .getSheets();
            return tabs == null
                    ? List.of()
                    : tabs.stream().map(s -> s.getProperties().getTitle()).toList();
        } catch (IOException e) {
            throw failure("spreadsheets.get", e, false);
        }
    }

    @Override
    public List<List<List<Object>>> read(String spreadsheetId, List<String> ranges) throws SheetsApiException {
        try {
            List<ValueRange> answer = sheets.spreadsheets()
                    .values()
                    .batchGet(spreadsheetId)
                    .setRanges(ranges)
                    .setValueRenderOption("FORMATTED_VALUE")
                    .setMajorDimension("ROWS")
                    .execute()
                    .getValueRanges();
            List<List<List<Object>>> result = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                List<List<Object>> values = answer == null || i >= answer.size()
                        ? null
                        : answer.get(i).getValues();
                result.add(values == null ? List.of() : values);
            }
            return result;
        } catch (IOException e) {
            throw failure("values.batchGet", e, false);
        }
    }

    @Override
    public void update(String spreadsheetId, List<CellWrite> writes) throws SheetsApiException {
        List<ValueRange> data = writes.stream()
                .map(w -> new ValueRange()
                        .setRange(w.range())
                        .setMajorDimension("ROWS")
                        .setValues(w.values()))
                .toList();
        try {
            sheets.spreadsheets()
                    .values()
                    .batchUpdate(
                            spreadsheetId,
                            new BatchUpdateValuesRequest()
                                    .setValueInputOption("RAW")
                                    .setData(data))
                    .execute();
        } catch (IOException e) {
            throw failure("values.batchUpdate", e, true);
        }
    }

    @Override
    public String append(String spreadsheetId, String range, List<List<Object>> rows) throws SheetsApiException {
        try {
            return sheets.spreadsheets()
                    .values()
                    .append(
                            spreadsheetId,
                            range,
                            new ValueRange().setMajorDimension("ROWS").setValues(rows))
                    .setValueInputOption("RAW")
                    .setInsertDataOption("INSERT_ROWS")
                    .execute()
                    .getUpdates()
                    .getUpdatedRange();
        } catch (IOException e) {
            throw failure("values.append", e, true);
        }
    }

    private static SheetsApiException failure(String call, IOException e, boolean write) {
        if (e instanceof HttpResponseException http) {
            String message = e instanceof GoogleJsonResponseException json && json.getDetails() != null
                    ? json.getDetails().getMessage()
                    : http.getStatusMessage();
            return SheetsApiException.ofStatus(
                    http.getStatusCode(),
                    call + " answered " + http.getStatusCode() + ": " + message,
                    write,
                    retryAfter(http));
        }
        return SheetsApiException.ofTimeout(call + " failed: " + e, write, e);
    }

    private static Duration retryAfter(HttpResponseException http) {
        String value = http.getHeaders() == null ? null : http.getHeaders().getFirstHeaderStringValue("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
