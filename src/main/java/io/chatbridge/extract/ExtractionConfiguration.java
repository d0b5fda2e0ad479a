package io.chatbridge.extract;

import io.chatbridge.mapping.MappingCatalog;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingProperties;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingsInvalidException;
import io.chatbridge.mapping.RecordTypeCatalog;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires mappings and extraction into the server. The only Spring-aware class of both modules: the
 * registry, catalog and extractor stay plain Java. Start-up stops with a plain message when the
 * mappings are broken; later broken edits are logged and the last valid set stays active.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MappingProperties.class)
public class ExtractionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExtractionConfiguration.class);

    @Bean(destroyMethod = "close")
    MappingRegistry mappingRegistry(MappingProperties properties) {
        MappingRegistry registry = new MappingRegistry(properties.mappingsDir(), new MappingLoader());
        List<MappingProblem> problems = registry.reload();
        if (!problems.isEmpty()) {
            throw new MappingsInvalidException(properties.mappingsDir(), problems);
        }
        registry.onChange(set -> log.info(
                "Mappings reloaded from {}: {}",
                properties.mappingsDir(),
                set.types().keySet()));
        registry.onRejected(rejected -> log.warn(
                "Mappings in {} not reloaded, the previous set stays active:\n  {}",
                properties.mappingsDir(),
                String.join("\n  ", rejected.stream().map(Object::toString).toList())));
        registry.watch(properties.mappingsReloadInterval());
        return registry;
    }

    @Bean
    RecordTypeCatalog recordTypeCatalog(MappingRegistry registry) {
        return new MappingCatalog(registry::current);
    }

    @Bean
    Extractor extractor(MappingRegistry registry) {
        return new RuleBasedExtractor(registry::current);
    }
}
