package io.chatbridge.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    /** A one-to-one chat's customer key when it does not come from the author ({@code --customer-number}), or null. */
    private final String customerKey;

    private final String busiestCustomer;
    private final Map<String, String> keys = new HashMap<>();
    /** Customers placed in a stored conversation of another key ({@link #continueAs}). */
    private final Map<String, String> continued = new HashMap<>();

    private final Set<String> authors;
    private String lastCustomer;

    /**
     * @param authors author → messages, in the order they first wrote ({@link ExportScan#authors}): the
     *     business's lines before any member of a group wrote go to the busiest member, and between members
     *     as busy to the first of them
     * @param chatFile the export's file name ({@code WhatsApp Chat with Sam.txt}): names the customer of a
     *     chat in which only the business wrote (a broadcast nobody answered), so such chats stay apart
     */
    ConversationPlacer(Map<String, Integer> authors, String business, String customerNumber, String chatFile) {
        this.business = business;
        this.authors = Set.copyOf(authors.keySet());
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
        this.busiestCustomer = busiest == null ? customerOf(chatFile) : busiest;
        this.onlyCustomer = customers <= 1 ? busiestCustomer : null;
        String digits = onlyCustomer != null ? Phones.digits(customerNumber) : "";
        this.customerKey = digits.isEmpty() ? null : digits;
    }

    boolean group() {
        return onlyCustomer == null;
    }

    /** Whether the one-to-one chat's customer key was given ({@code --customer-number}) rather than read. */
    boolean customerKeyGiven() {
        return customerKey != null;
    }

    /** The chat's customers: the one of a one-to-one chat, or every author of a group but the business. */
    List<String> customers() {
        return onlyCustomer != null
                ? List.of(onlyCustomer)
                : authors.stream()
                        .filter(author -> !isBusiness(author))
                        .sorted()
                        .toList();
    }

    boolean isBusiness(String author) {
        return author.equals(business);
    }

    /** The key a customer of the chat has by itself: its number, a hash of its name, or the given number. */
    String ownKey(String customer) {
        if (customerKey != null) {
            return customerKey;
        }
        return keys.computeIfAbsent(customer, c -> Phones.looksLikeNumber(c) ? Phones.digits(c) : nameKey(c));
    }

    /**
     * Places a customer of the chat in the stored conversation it continues ({@link ChatContinuation}): it
     * shows under another name than when that conversation was imported.
     */
    void continueAs(String customer, String key) {
        continued.put(customer, key);
    }

    Placement place(String author) {
        boolean fromBusiness = isBusiness(author);
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
        String continuedKey = continued.get(customer);
        return continuedKey != null ? continuedKey : ownKey(customer);
    }

    /**
     * The customer a chat file is named after: Android names an export {@code WhatsApp Chat with <name>.txt}
     * and iOS a zip {@code WhatsApp Chat - <name>.zip}; another name (another language, a renamed file) is
     * kept whole, without its extension.
     */
    static String customerOf(String chatFile) {
        String name = chatFile == null ? "" : chatFile.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt") || lower.endsWith(".zip")) {
            name = name.substring(0, name.length() - 4);
            lower = lower.substring(0, lower.length() - 4);
        }
        for (String prefix : List.of("whatsapp chat with ", "whatsapp chat - ")) {
            if (lower.startsWith(prefix)) {
                name = name.substring(prefix.length());
                break;
            }
        }
        name = name.strip();
        return name.isEmpty() ? "unknown" : name;
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
