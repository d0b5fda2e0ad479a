package io.chatbridge.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts each message of one exported chat into its conversation, {@code <business>:<customer>} as for
 * webhooks. A one-to-one chat is one conversation. A group chat becomes one conversation per customer
 * author; the business's messages there go to the customer who wrote last before them (who they most
 * likely answer), or to the group's most active customer when no customer has written yet.
 *
 * <p>A customer who appears as a number is keyed by its digits (the same key a webhook would give);
 * one who appears by saved name is keyed by a hash of the name, so no name ends up in an id.
 */
final class ConversationPlacer {

    record Placement(String customerId, String customerName, boolean fromBusiness) {}

    private final String business;
    private final String onlyCustomer;
    private final String customerNumber;
    private final String busiestCustomer;
    private final Map<String, String> keys = new HashMap<>();
    private String lastCustomer;

    ConversationPlacer(Map<String, Integer> authors, String business, String customerNumber) {
        this.business = business;
        String busiest = null;
        int customers = 0;
        for (Map.Entry<String, Integer> author : authors.entrySet()) {
            if (!author.getKey().equals(business)) {
                customers++;
                if (busiest == null || author.getValue() > authors.get(busiest)) {
                    busiest = author.getKey();
                }
            }
        }
        this.busiestCustomer = busiest == null ? "unknown" : busiest;
        this.onlyCustomer = customers <= 1 ? busiestCustomer : null;
        this.customerNumber = onlyCustomer != null ? Phones.digits(customerNumber) : "";
    }

    boolean group() {
        return onlyCustomer == null;
    }

    Placement place(String author) {
        boolean fromBusiness = author.equals(business);
        String customer;
        if (onlyCustomer != null) {
            customer = onlyCustomer;
        } else if (fromBusiness) {
            customer = lastCustomer != null ? lastCustomer : busiestCustomer;
        } else {
            customer = author;
            lastCustomer = author;
        }
        return new Placement(key(customer), customer, fromBusiness);
    }

    private String key(String customer) {
        if (onlyCustomer != null && !customerNumber.isEmpty()) {
            return customerNumber;
        }
        return keys.computeIfAbsent(customer, c -> Phones.looksLikeNumber(c) ? Phones.digits(c) : nameKey(c));
    }

    /** {@code n} and 16 hex digits of the name's SHA-256: stable across imports, not a readable name. */
    static String nameKey(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder key = new StringBuilder("n");
            for (int i = 0; i < 8; i++) {
                key.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
            }
            return key.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
