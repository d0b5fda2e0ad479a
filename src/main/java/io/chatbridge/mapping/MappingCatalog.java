package io.chatbridge.mapping;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/** The record-type catalog over whatever mapping set is active right now. */
public final class MappingCatalog implements RecordTypeCatalog {

    private final Supplier<MappingSet> mappings;

    public MappingCatalog(Supplier<MappingSet> mappings) {
        this.mappings = mappings;
    }

    @Override
    public Optional<RecordTypeInfo> find(String type) {
        return mappings.get().type(type).map(RecordTypeMapping::info);
    }

    @Override
    public Collection<RecordTypeInfo> all() {
        return mappings.get().types().values().stream()
                .map(RecordTypeMapping::info)
                .toList();
    }
}
