package io.chatbridge.connector.sheets;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The bindings the active mappings describe ({@code connectors.sheets} of each record type),
 * recomputed whenever the mappings are reloaded. At start-up a broken section, or a binding without
 * readable credentials, stops chatbridge with a plain message; a broken edit later keeps the previous
 * bindings and is logged.
 */
@Component
class MappingSheetsBindings implements SheetsBindings {

    private static final Logger log = LoggerFactory.getLogger(MappingSheetsBindings.class);

    private final SheetsBindingParser parser;
    private final SheetsProperties properties;
    private volatile List<SheetsBinding> bindings;

    MappingSheetsBindings(MappingRegistry registry, Environment environment, SheetsProperties properties) {
        this.parser = new SheetsBindingParser(environment::getProperty);
        this.properties = properties;
        List<String> problems = new ArrayList<>();
        this.bindings = bindingsOf(registry.current(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The Google Sheets settings in the mappings are not usable:\n  " + String.join("\n  ", problems));
        }
        if (properties.enabled() && !bindings.isEmpty()) {
            SheetsConnection.checkCredentials(properties);
        }
        bindings.forEach(b -> log.info(
                "Records of type {} are kept in step with tab '{}' of spreadsheet {}",
                b.type(),
                b.tab(),
                b.spreadsheetId()));
        registry.onChange(this::reload);
    }

    @Override
    public List<SheetsBinding> all() {
        return properties.enabled() ? bindings : List.of();
    }

    private void reload(MappingSet set) {
        List<String> problems = new ArrayList<>();
        List<SheetsBinding> fresh = bindingsOf(set, problems);
        if (problems.isEmpty()) {
            bindings = fresh;
        } else {
            log.warn(
                    "Google Sheets settings not reloaded, the previous bindings stay active:\n  {}",
                    String.join("\n  ", problems));
        }
    }

    private List<SheetsBinding> bindingsOf(MappingSet set, List<String> problems) {
        List<SheetsBinding> result = new ArrayList<>();
        for (RecordTypeMapping mapping : set.types().values()) {
            Map<String, Object> settings = mapping.connectors().get("sheets");
            if (settings == null) {
                continue;
            }
            Map<String, String> types = new LinkedHashMap<>();
            mapping.fields().values().forEach(f -> types.put(f.name(), f.type().yamlName()));
            SheetsBindingParser.Result parsed =
                    parser.parse(mapping.type(), settings, field -> ownedBySheets(mapping, field), types);
            problems.addAll(parsed.problems());
            parsed.binding().ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    private static boolean ownedBySheets(RecordTypeMapping mapping, String field) {
        FieldMapping f = mapping.fields().get(field);
        return f != null && f.ownedBy("sheets");
    }
}
