package io.chatbridge.mapping;

import java.util.Collection;
import java.util.Optional;

/**
 * What the record store and the outbox need to know about record types, read from the mappings.
 * The mapping module implements it over the currently active (last valid) mapping set.
 */
public interface RecordTypeCatalog {

    Optional<RecordTypeInfo> find(String type);

    Collection<RecordTypeInfo> all();
}
