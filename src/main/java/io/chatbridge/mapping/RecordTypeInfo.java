package io.chatbridge.mapping;

import java.util.List;
import java.util.Map;

/**
 * The parts of a record-type mapping that the spine uses.
 *
 * @param type the record type name ({@code booking})
 * @param idPrefix prefix of human ids ({@code BK} gives {@code BK-0001})
 * @param businessKey field names making up the business key, in order
 * @param fieldOwners field name to owning side ({@code chat}, {@code sheets}, {@code excel},
 *     {@code hubspot}, {@code xero}, {@code admin}); a field not listed is owned by {@code chat}
 * @param sinks names of the sinks records of this type are delivered to (e.g. {@code log},
 *     {@code sheets}); the {@code log} sink may also be bound globally by configuration
 */
public record RecordTypeInfo(
        String type, String idPrefix, List<String> businessKey, Map<String, String> fieldOwners, List<String> sinks) {

    public RecordTypeInfo {
        businessKey = List.copyOf(businessKey);
        fieldOwners = Map.copyOf(fieldOwners);
        sinks = List.copyOf(sinks);
    }

    public String ownerOf(String field) {
        return fieldOwners.getOrDefault(field, "chat");
    }
}
