package io.chatbridge.web;

import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows which mappings are active and what is wrong with the files on disk. A broken edit never
 * replaces the active set; this is where an admin sees why their change did not take.
 */
@RestController
@RequestMapping("/api/mappings")
class MappingsController {

    private final MappingRegistry registry;

    MappingsController(MappingRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    MappingsStatus status() {
        return new MappingsStatus(registry.dir().toString(), activeTypes(), registry.problems());
    }

    /** Re-reads the folder now instead of waiting for the next poll. */
    @PostMapping("/reload")
    MappingsStatus reload() {
        registry.reload();
        return status();
    }

    private List<ActiveType> activeTypes() {
        if (!registry.hasValidSet()) {
            return List.of();
        }
        return registry.current().types().values().stream()
                .map(MappingsController::active)
                .toList();
    }

    private static ActiveType active(RecordTypeMapping mapping) {
        return new ActiveType(
                mapping.type(),
                mapping.idPrefix(),
                mapping.businessKey(),
                mapping.connectors().keySet().stream().toList(),
                mapping.requiredFields());
    }

    record MappingsStatus(String directory, List<ActiveType> active, List<MappingProblem> problems) {}

    record ActiveType(
            String type,
            String idPrefix,
            List<String> businessKey,
            List<String> connectors,
            List<String> requiredFields) {}
}
