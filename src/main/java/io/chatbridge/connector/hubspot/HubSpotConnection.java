package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.common.RateBucket;
import io.chatbridge.record.RecordService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds the HubSpot client and writer on first use, with the account's request budgets. The budgets
 * are PostgreSQL token buckets named after the account's token, so every instance using one account
 * draws from one budget: {@code requests-per-10s} is HubSpot's burst limit, and the bucket keeps any 10
 * seconds at 80 % of it (70 % steady rate plus a 10 % burst), searches at {@code search-per-second}.
 */
@Component
class HubSpotConnection {

    static final String DAILY_PAUSE = "daily-limit-until";

    private final HubSpotProperties properties;
    private final HubSpotStore store;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RecordService records;
    private final Clock clock;
    private volatile HubSpotClient client;
    private volatile HubSpotWriter writer;

    HubSpotConnection(
            HubSpotProperties properties,
            HubSpotStore store,
            JdbcClient jdbc,
            ObjectMapper json,
            RecordService records,
            Clock clock) {
        this.properties = properties;
        this.store = store;
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
        this.clock = clock;
    }

    HubSpotClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = new HubSpotClient(transport(), json);
                }
            }
        }
        return client;
    }

    HubSpotWriter writer() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    OwnerAssigner owners = new OwnerAssigner(
                            store, client(), new OwnerDirectory(clock), records, clock, properties.accountZone());
                    writer = new HubSpotWriter(
                            client(),
                            store,
                            new DealProperties(),
                            owners,
                            new TimelineNotes(client(), store, properties.accountZone()));
                }
            }
        }
        return writer;
    }

    private HubSpotTransport transport() {
        String account = "hubspot:" + Hashes.of(Map.of("token", properties.accessToken()));
        double perTen = properties.requestsPerTen();
        RateBucket requests = new RateBucket(jdbc, account, perTen * 0.07, perTen * 0.1);
        RateBucket searches = new RateBucket(jdbc, account + ":search", properties.searchPerSecond(), 1);
        return new HubSpotTransport(
                rest(),
                json,
                requests::acquire,
                searches::acquire,
                new StoredPause(),
                properties,
                d -> Thread.sleep(d.toMillis()),
                clock);
    }

    private RestClient rest() {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.requestTimeout());
        return RestClient.builder()
                .baseUrl(properties.baseUrl())
                .requestFactory(factory)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.accessToken())
                .build();
    }

    /** The daily-limit pause in {@code hubspot_state}, shared by every instance. */
    private final class StoredPause implements HubSpotTransport.DailyPause {
        @Override
        public Instant pausedUntil() {
            return store.state(DAILY_PAUSE).map(Instant::parse).orElse(null);
        }

        @Override
        public void pauseUntil(Instant until) {
            store.putState(DAILY_PAUSE, until.toString());
        }
    }
}
