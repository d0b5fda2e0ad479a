package io.chatbridge.mapping;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the mappings live and how often they are checked for changes.
 *
 * @param mappingsDir {@code chatbridge.mappings-dir}, default {@code ./mappings}
 * @param mappingsReloadInterval {@code chatbridge.mappings-reload-interval}, default 2 s; 0 turns watching off
 */
@ConfigurationProperties("chatbridge")
public record MappingProperties(
        @DefaultValue("./mappings") Path mappingsDir, @DefaultValue("2s") Duration mappingsReloadInterval) {}
