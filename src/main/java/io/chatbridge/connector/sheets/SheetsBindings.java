package io.chatbridge.connector.sheets;

import java.util.List;
import java.util.Optional;

/** The bindings in force right now (they follow the mappings as they are reloaded). */
public interface SheetsBindings {

    List<SheetsBinding> all();

    default Optional<SheetsBinding> forType(String type) {
        return all().stream().filter(b -> b.type().equals(type)).findFirst();
    }
}
