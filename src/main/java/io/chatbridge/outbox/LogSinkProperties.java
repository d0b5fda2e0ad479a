package io.chatbridge.outbox;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code log} sink: delivered records as JSON lines in a file, to see the path end to end. */
@ConfigurationProperties("chatbridge.sinks.log")
public record LogSinkProperties(boolean enabled, Path file) {}
