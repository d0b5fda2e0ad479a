package io.chatbridge.connector.hubspot;

import io.chatbridge.outbox.Sink;
import io.chatbridge.outbox.SinkException;
import io.chatbridge.outbox.SinkResult;
import io.chatbridge.record.RecordSnapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The outbox's {@code hubspot} sink: splits a batch by record type and has the writer put each part into
 * HubSpot. It exists only while an access token is set, so without one nothing is queued for HubSpot.
 */
@Component
@Conditional(HubSpotEnabled.class)
class HubSpotSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(HubSpotSink.class);

    private final HubSpotBindings bindings;
    private final HubSpotConnection connection;
    private final UniqueProperties uniqueProperties = new UniqueProperties();

    HubSpotSink(HubSpotBindings bindings, HubSpotConnection connection) {
        this.bindings = bindings;
        this.connection = connection;
    }

    @Override
    public String name() {
        return "hubspot";
    }

    @Override
    public SinkResult deliver(List<RecordSnapshot> batch) {
        Map<Long, SinkException> failures = new HashMap<>();
        Map<String, List<RecordSnapshot>> byType = batch.stream()
                .collect(Collectors.groupingBy(RecordSnapshot::type, LinkedHashMap::new, Collectors.toList()));
        byType.forEach((type, records) -> {
            Optional<HubSpotBinding> binding = bindings.forType(type);
            if (binding.isEmpty()) {
                log.debug("No HubSpot binding for {}; {} records skipped", type, records.size());
                return;
            }
            failures.putAll(deliver(binding.get(), records));
        });
        return new SinkResult(failures);
    }

    private Map<Long, SinkException> deliver(HubSpotBinding binding, List<RecordSnapshot> records) {
        try {
            uniqueProperties.ensure(connection.client(), binding);
        } catch (HubSpotApiException e) {
            SinkException failure = SinkExceptions.of(e);
            return records.stream().collect(Collectors.toMap(RecordSnapshot::id, r -> failure, (a, b) -> a));
        }
        return connection.writer().write(binding, records);
    }
}
