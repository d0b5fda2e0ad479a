package io.chatbridge.connector.hubspot;

import java.util.List;
import java.util.Map;

/**
 * How records of one type become HubSpot objects ({@code connectors.hubspot} of a mapping): the contact
 * found by the customer's WhatsApp id, one deal per record in a pipeline with a stage per status, the
 * messages as notes, and the rule that picks the deal's owner.
 *
 * @param contactIdProperty the contact property holding the WhatsApp id; unique, created if missing
 * @param contactProperties contact property to record field
 * @param dealName the deal name template ({@code {item} – {customer_name} – {event_date}})
 * @param pipeline the deal pipeline id
 * @param stages record status to deal stage id (read back the other way)
 * @param dealProperties deal property to record field (read back for fields HubSpot owns)
 * @param owners the owner-assignment rule
 * @param ownerField the record field the assigned owner id is stored in (owned by {@code hubspot})
 * @param notes whether the record's messages go on the contact's timeline as notes
 */
public record HubSpotBinding(
        String type,
        String contactIdProperty,
        Map<String, String> contactProperties,
        String dealName,
        String pipeline,
        Map<String, String> stages,
        Map<String, String> dealProperties,
        OwnerRule owners,
        String ownerField,
        boolean notes) {

    /** The deal property holding the record's id: deals are upserted by it, so a retry never duplicates. */
    public static final String RECORD_ID_PROPERTY = "chatbridge_id";

    public HubSpotBinding {
        contactProperties = Map.copyOf(contactProperties);
        stages = Map.copyOf(stages);
        dealProperties = Map.copyOf(dealProperties);
    }

    /** The status a deal stage stands for, if the mapping names the stage. */
    public java.util.Optional<String> statusOf(String stage) {
        return stages.entrySet().stream()
                .filter(e -> e.getValue().equals(stage))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every deal property chatbridge writes or reads. */
    public List<String> dealPropertyNames() {
        List<String> names = new java.util.ArrayList<>(
                List.of("dealname", "pipeline", "dealstage", "hubspot_owner_id", RECORD_ID_PROPERTY));
        dealProperties.keySet().stream().filter(p -> !names.contains(p)).forEach(names::add);
        return names;
    }
}
