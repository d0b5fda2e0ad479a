package io.chatbridge.connector.hubspot;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the two unique properties chatbridge upserts by exist: the contact's WhatsApp id (phone
 * numbers are not unique in HubSpot) and the deal's record id. Created on first use when missing, if
 * the token may ({@code crm.schemas.contacts.write}, {@code crm.schemas.deals.write}); otherwise the
 * refusal says which property an admin has to create.
 */
class UniqueProperties {

    private static final Logger log = LoggerFactory.getLogger(UniqueProperties.class);

    private final Set<String> present = ConcurrentHashMap.newKeySet();

    void ensure(HubSpotClient client, HubSpotBinding binding) throws HubSpotApiException {
        ensure(client, "contacts", binding.contactIdProperty(), "WhatsApp ID", "contactinformation");
        ensure(client, "deals", HubSpotBinding.RECORD_ID_PROPERTY, "chatbridge record ID", "dealinformation");
    }

    private void ensure(HubSpotClient client, String objectType, String name, String label, String group)
            throws HubSpotApiException {
        String key = objectType + "." + name;
        if (present.contains(key)) {
            return;
        }
        if (!client.propertyExists(objectType, name)) {
            try {
                client.createUniqueTextProperty(objectType, name, label, group);
                log.info("Created the unique HubSpot property {} on {}", name, objectType);
            } catch (HubSpotApiException e) {
                if (e.status() != 409) {
                    throw new HubSpotApiException(
                            "the unique " + objectType + " property `" + name
                                    + "` is missing and could not be created ("
                                    + e.getMessage()
                                    + "); create it in HubSpot (Settings › Properties, single-line text,"
                                    + " \"require unique values\") or give the token the schema write scope",
                            e.kind(),
                            e.status(),
                            e.retryAfter(),
                            e);
                }
            }
        }
        present.add(key);
    }
}
