package io.chatbridge.connector.hubspot;

import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The HubSpot bindings the active mappings describe ({@code connectors.hubspot} of each record type),
 * recomputed whenever the mappings are reloaded. A broken section stops chatbridge at start-up with a
 * plain message; a broken edit later keeps the previous bindings and is logged.
 */
@Component
class HubSpotBindings {

    private static final Logger log = LoggerFactory.getLogger(HubSpotBindings.class);

    private final HubSpotBindingParser parser;
    private volatile List<HubSpotBinding> bindings;

    HubSpotBindings(MappingRegistry registry, Environment environment) {
        this.parser = new HubSpotBindingParser(environment::getProperty);
        List<String> problems = new ArrayList<>();
        this.bindings = bindingsOf(registry.current(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The HubSpot settings in the mappings are not usable:\n  " + String.join("\n  ", problems));
        }
        registry.onChange(this::reload);
    }

    List<HubSpotBinding> all() {
        return bindings;
    }

    Optional<HubSpotBinding> forType(String type) {
        return bindings.stream().filter(b -> b.type().equals(type)).findFirst();
    }

    private void reload(MappingSet set) {
        List<String> problems = new ArrayList<>();
        List<HubSpotBinding> fresh = bindingsOf(set, problems);
        if (problems.isEmpty()) {
            bindings = fresh;
        } else {
            log.warn(
                    "HubSpot settings not reloaded, the previous bindings stay active:\n  {}",
                    String.join("\n  ", problems));
        }
    }

    private List<HubSpotBinding> bindingsOf(MappingSet set, List<String> problems) {
        List<HubSpotBinding> result = new ArrayList<>();
        for (RecordTypeMapping mapping : set.types().values()) {
            Map<String, Object> settings = mapping.connectors().get("hubspot");
            if (settings == null) {
                continue;
            }
            Set<String> fields = new LinkedHashSet<>(mapping.fields().keySet());
            HubSpotBindingParser.Result parsed = parser.parse(mapping.type(), settings, fields);
            problems.addAll(parsed.problems());
            parsed.binding().ifPresent(result::add);
        }
        return List.copyOf(result);
    }
}
