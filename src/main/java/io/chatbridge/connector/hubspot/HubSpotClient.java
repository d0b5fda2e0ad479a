package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot CRM calls chatbridge makes, typed, one method per endpoint (contacts, deals, notes,
 * associations v4, owners, properties, search). Shapes follow HubSpot's v3/v4 reference; the transport,
 * the request budget and the retry policy are {@link HubSpotTransport}'s.
 */
public class HubSpotClient {

    /** One object to upsert: its unique value and the properties to write. */
    public record ObjectInput(String uniqueValue, Map<String, String> properties) {}

    /** An upserted object: HubSpot's id and the unique value it was upserted by. */
    public record Upserted(String id, String uniqueValue) {}

    /** A pair of objects to associate. */
    public record Pair(String fromId, String toId) {}

    /** A note for a contact's timeline, associated with a contact (202) and a deal (214). */
    public record NoteInput(long timestampMillis, String body, String ownerId, String contactId, String dealId) {}

    /** An owner (a HubSpot user deals can be assigned to). */
    public record Owner(String id, String email, boolean archived) {}

    /** A page of search results and the cursor of the next page (null on the last). */
    public record SearchPage(List<JsonNode> results, String after) {}

    static final int CONTACT_TO_COMPANY = 279;
    static final int NOTE_TO_CONTACT = 202;
    static final int NOTE_TO_DEAL = 214;
    static final int DEAL_TO_CONTACT = 3;

    private final HubSpotTransport transport;
    private final ObjectMapper json;

    public HubSpotClient(HubSpotTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    /** {@code POST /crm/v3/objects/{type}/batch/upsert}, at most 100 inputs; idempotent by the unique value. */
    public List<Upserted> upsert(String objectType, String idProperty, List<ObjectInput> inputs)
            throws HubSpotApiException {
        ArrayNode array = json.createArrayNode();
        for (ObjectInput input : inputs) {
            ObjectNode node = array.addObject();
            node.put("id", input.uniqueValue());
            node.put("idProperty", idProperty);
            node.set("properties", json.valueToTree(input.properties()));
        }
        JsonNode response = transport.post(
                "upsert " + objectType, "/crm/v3/objects/" + objectType + "/batch/upsert", inputs(array), true);
        List<Upserted> result = new ArrayList<>();
        for (JsonNode r : response.path("results")) {
            result.add(new Upserted(
                    r.path("id").asText(), r.path("properties").path(idProperty).asText(null)));
        }
        return result;
    }

    /** {@code POST /crm/v4/associations/{from}/{to}/batch/create}; associating twice changes nothing. */
    public void associate(String from, String to, int typeId, List<Pair> pairs) throws HubSpotApiException {
        ArrayNode array = json.createArrayNode();
        for (Pair pair : pairs) {
            ObjectNode node = array.addObject();
            node.putObject("from").put("id", pair.fromId());
            node.putObject("to").put("id", pair.toId());
            node.putArray("types").add(type(typeId));
        }
        transport.post(
                "associate " + from + "→" + to,
                "/crm/v4/associations/" + from + "/" + to + "/batch/create",
                inputs(array),
                true);
    }

    /**
     * {@code POST /crm/v3/objects/notes/batch/create}, at most 100 notes. Not idempotent, so it is never
     * retried after a failure that may have written.
     */
    public List<String> createNotes(List<NoteInput> notes) throws HubSpotApiException {
        ArrayNode array = json.createArrayNode();
        for (NoteInput note : notes) {
            ObjectNode node = array.addObject();
            ObjectNode properties = node.putObject("properties");
            properties.put("hs_timestamp", String.valueOf(note.timestampMillis()));
            properties.put("hs_note_body", note.body());
            if (note.ownerId() != null) {
                properties.put("hubspot_owner_id", note.ownerId());
            }
            ArrayNode associations = node.putArray("associations");
            associations.add(association(note.contactId(), NOTE_TO_CONTACT));
            if (note.dealId() != null) {
                associations.add(association(note.dealId(), NOTE_TO_DEAL));
            }
        }
        JsonNode response = transport.post("create notes", "/crm/v3/objects/notes/batch/create", inputs(array), false);
        List<String> ids = new ArrayList<>();
        response.path("results").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    /**
     * Whether the deal's timeline already has a note stamped {@code timestampMillis}: {@code POST
     * /crm/v3/objects/notes/search} on {@code hs_timestamp} and the deal association. Asked only about a
     * note whose create call was cut off (a crash), so the search budget is not a concern.
     */
    public boolean noteExists(String dealId, long timestampMillis) throws HubSpotApiException {
        ObjectNode body = json.createObjectNode();
        ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
        filter(filters, "hs_timestamp", "EQ", String.valueOf(timestampMillis));
        filter(filters, "associations.deal", "EQ", dealId);
        body.putArray("properties").add("hs_timestamp");
        body.put("limit", 1);
        JsonNode response = transport.search("search notes", "/crm/v3/objects/notes/search", body);
        return response.path("total").asInt(0) > 0 || !response.path("results").isEmpty();
    }

    /** {@code GET /crm/v3/owners}, every page. */
    public List<Owner> owners() throws HubSpotApiException {
        List<Owner> owners = new ArrayList<>();
        String after = null;
        do {
            String path = "/crm/v3/owners?limit=500" + (after == null ? "" : "&after=" + after);
            JsonNode page = transport.get("owners", path);
            page.path("results")
                    .forEach(o -> owners.add(new Owner(
                            o.path("id").asText(),
                            o.path("email").asText(null),
                            o.path("archived").asBoolean(false))));
            after = page.path("paging").path("next").path("after").asText(null);
        } while (after != null);
        return owners;
    }

    /** {@code GET /crm/v3/properties/{type}/{name}}: whether the property exists. */
    public boolean propertyExists(String objectType, String name) throws HubSpotApiException {
        return transport.getOrNotFound("property", "/crm/v3/properties/" + objectType + "/" + name) != null;
    }

    /** {@code POST /crm/v3/properties/{type}}: a single-line text property whose values are unique. */
    public void createUniqueTextProperty(String objectType, String name, String label, String group)
            throws HubSpotApiException {
        ObjectNode body = json.createObjectNode()
                .put("name", name)
                .put("label", label)
                .put("type", "string")
                .put("fieldType", "text")
                .put("groupName", group)
                .put("hasUniqueValue", true);
        transport.post("create property", "/crm/v3/properties/" + objectType, body, true);
    }

    /**
     * {@code POST /crm/v3/objects/{type}/search}: objects modified after {@code sinceMillis} that carry
     * {@code markerProperty}, oldest first, 100 per page.
     */
    public SearchPage modifiedSince(
            String objectType, String markerProperty, long sinceMillis, List<String> properties, String after)
            throws HubSpotApiException {
        ObjectNode body = json.createObjectNode();
        ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
        filter(filters, "hs_lastmodifieddate", "GT", String.valueOf(sinceMillis));
        filters.addObject().put("propertyName", markerProperty).put("operator", "HAS_PROPERTY");
        body.putArray("sorts")
                .addObject()
                .put("propertyName", "hs_lastmodifieddate")
                .put("direction", "ASCENDING");
        ArrayNode wanted = body.putArray("properties");
        properties.forEach(wanted::add);
        body.put("limit", 100);
        if (after != null) {
            body.put("after", after);
        }
        JsonNode response = transport.search("search " + objectType, "/crm/v3/objects/" + objectType + "/search", body);
        List<JsonNode> results = new ArrayList<>();
        response.path("results").forEach(results::add);
        return new SearchPage(
                results, response.path("paging").path("next").path("after").asText(null));
    }

    /** One filter of a search's filter group: {@code property operator value}. */
    private static void filter(ArrayNode filters, String property, String operator, String value) {
        filters.addObject()
                .put("propertyName", property)
                .put("operator", operator)
                .put("value", value);
    }

    private ObjectNode inputs(ArrayNode array) {
        ObjectNode body = json.createObjectNode();
        body.set("inputs", array);
        return body;
    }

    private ObjectNode type(int typeId) {
        return json.createObjectNode()
                .put("associationCategory", "HUBSPOT_DEFINED")
                .put("associationTypeId", typeId);
    }

    private ObjectNode association(String toId, int typeId) {
        ObjectNode node = json.createObjectNode();
        node.putObject("to").put("id", toId);
        node.putArray("types").add(type(typeId));
        return node;
    }
}
