package io.chatbridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.record.RecordSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Appends each delivered record version as one JSON line ({@code <data-dir>/deliveries.jsonl}).
 * The batch is written and forced to disk before the deliveries are marked done.
 */
@Component
@ConditionalOnProperty(prefix = "chatbridge.sinks.log", name = "enabled", havingValue = "true", matchIfMissing = true)
class LogSink implements Sink {

    private final Path file;
    private final ObjectMapper json;

    LogSink(LogSinkProperties properties, ObjectMapper json) throws IOException {
        this.file = properties.file().toAbsolutePath().normalize();
        this.json = json;
        Files.createDirectories(file.getParent());
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public synchronized SinkResult deliver(List<RecordSnapshot> batch) throws SinkException {
        StringBuilder lines = new StringBuilder();
        for (RecordSnapshot record : batch) {
            lines.append(line(record)).append('\n');
        }
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw SinkException.transientFailure("cannot write " + file + ": " + e.getMessage(), null);
        }
        return SinkResult.allDelivered();
    }

    private String line(RecordSnapshot record) throws SinkException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", record.humanId());
        line.put("type", record.type());
        line.put("version", record.version());
        line.put("status", record.status());
        line.put("fields", record.fields());
        line.put("updated_at", record.updatedAt().toString());
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw SinkException.permanentFailure("record " + record.humanId() + " cannot be written as JSON");
        }
    }
}
