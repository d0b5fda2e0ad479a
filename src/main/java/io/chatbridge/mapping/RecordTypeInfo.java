package io.chatbridge.mapping;

import java.util.List;
import java.util.Map;

/**
 * The parts of a record-type mapping that the spine uses.
 *
 * @param type the record type name ({@code booking})
 * @param idPrefix prefix of human ids ({@code BK} gives {@code BK-0001})
 * @param businessKey field names making up the business key, in order
 * @param fieldOwners field name to the sides that own it ({@code chat}, {@code sheets}, {@code excel},
 *     {@code hubspot}, {@code xero}, {@code admin}); a field not listed is owned by {@code chat}
 * @param sinks names of the sinks records of this type are delivered to (e.g. {@code log},
 *     {@code sheets}); the {@code log} sink may also be bound globally by configuration
 */
public record RecordTypeInfo(
        String type,
        String idPrefix,
        List<String> businessKey,
        Map<String, List<String>> fieldOwners,
        List<String> sinks) {

    public RecordTypeInfo {
        businessKey = List.copyOf(businessKey);
        fieldOwners = Map.copyOf(fieldOwners);
        sinks = List.copyOf(sinks);
    }

    /** The sides that own {@code field}, as written in conflicts ({@code sheets}, {@code sheets,excel}). */
    public String ownerOf(String field) {
        return String.join(",", owners(field));
    }

    /** The sides allowed to change {@code field}. */
    public List<String> owners(String field) {
        return fieldOwners.getOrDefault(field, List.of("chat"));
    }

    /** Whether a change from {@code side} may set {@code field}. */
    public boolean isOwnedBy(String field, String side) {
        return owners(field).contains(side);
    }
}
