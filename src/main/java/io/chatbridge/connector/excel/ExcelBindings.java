package io.chatbridge.connector.excel;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The workbook bindings the active mappings describe ({@code connectors.excel} of each record type),
 * recomputed when the mappings are reloaded. A broken section stops start-up with a plain message; a
 * broken edit later keeps the previous bindings and is logged.
 */
@Component
public class ExcelBindings {

    private static final Logger log = LoggerFactory.getLogger(ExcelBindings.class);

    private final ExcelBindingParser parser;
    private final ExcelProperties properties;
    private volatile List<ExcelBinding> bindings;

    ExcelBindings(MappingRegistry registry, Environment environment, ExcelProperties properties) {
        this.parser = new ExcelBindingParser(environment::getProperty);
        this.properties = properties;
        List<String> problems = new ArrayList<>();
        this.bindings = bindingsOf(registry.current(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The Excel settings in the mappings are not usable:\n  " + String.join("\n  ", problems));
        }
        bindings.forEach(b -> log.info(
                "Records of type {} are kept in step with sheet '{}' of workbook {}",
                b.type(),
                b.sheet(),
                b.workbook()));
        registry.onChange(this::reload);
    }

    public List<ExcelBinding> all() {
        return properties.enabled() ? bindings : List.of();
    }

    public Optional<ExcelBinding> forType(String type) {
        return all().stream().filter(b -> b.type().equals(type)).findFirst();
    }

    private void reload(MappingSet set) {
        List<String> problems = new ArrayList<>();
        List<ExcelBinding> fresh = bindingsOf(set, problems);
        if (problems.isEmpty()) {
            bindings = fresh;
        } else {
            log.warn(
                    "Excel settings not reloaded, the previous bindings stay active:\n  {}",
                    String.join("\n  ", problems));
        }
    }

    private List<ExcelBinding> bindingsOf(MappingSet set, List<String> problems) {
        List<ExcelBinding> result = new ArrayList<>();
        for (RecordTypeMapping mapping : set.types().values()) {
            Map<String, Object> settings = mapping.connectors().get("excel");
            if (settings == null) {
                continue;
            }
            Map<String, String> types = new LinkedHashMap<>();
            mapping.fields().values().forEach(f -> types.put(f.name(), f.type().yamlName()));
            ExcelBindingParser.Result parsed =
                    parser.parse(mapping.type(), settings, field -> owned(mapping, field), types);
            problems.addAll(parsed.problems());
            parsed.binding().ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    private static boolean owned(RecordTypeMapping mapping, String field) {
        FieldMapping f = mapping.fields().get(field);
        return f != null && f.ownedBy("excel");
    }
}
