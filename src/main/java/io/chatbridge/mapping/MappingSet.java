package io.chatbridge.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A complete, valid set of mappings: the record types and the business settings. Immutable; a reload
 * produces a new set.
 */
public record MappingSet(Map<String, RecordTypeMapping> types, Map<String, BusinessProfile> businesses) {

    public static final String DEFAULT_BUSINESS = "default";

    public MappingSet {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        businesses = Collections.unmodifiableMap(new LinkedHashMap<>(businesses));
    }

    public Optional<RecordTypeMapping> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The settings for a business number, falling back to the {@code default} entry. */
    public BusinessProfile business(String phoneNumberId) {
        BusinessProfile profile = phoneNumberId == null ? null : businesses.get(phoneNumberId);
        return profile != null ? profile : businesses.get(DEFAULT_BUSINESS);
    }
}
