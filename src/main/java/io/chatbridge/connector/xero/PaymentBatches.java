package io.chatbridge.connector.xero;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups claimed payments into calls. A call's {@code Idempotency-Key} is decided once and kept with
 * its rows, so a retry resends the same payments under the same key: a payment alone travels under
 * its match's key ({@code PaymentMatched.idempotencyKey()}); a group under a hash of its members' keys.
 * A group only partly claimed is not sent (its other rows are still with a crashed claimant's lease).
 */
final class PaymentBatches {

    /** One call: its key and its payments in request order. */
    record Batch(String key, List<QueuedPayment> payments, boolean fresh) {}

    /** The plan: calls to make, and rows to give back because their group is incomplete. */
    record Plan(List<Batch> batches, List<QueuedPayment> incomplete) {}

    private PaymentBatches() {}

    static Plan plan(List<QueuedPayment> claimed, int perCall) {
        Map<String, List<QueuedPayment>> fixed = new LinkedHashMap<>();
        List<QueuedPayment> loose = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        for (QueuedPayment payment : claimed) {
            if (payment.batchKey() != null) {
                fixed.computeIfAbsent(payment.batchKey(), k -> new ArrayList<>())
                        .add(payment);
            } else if (payment.solo()) {
                batches.add(new Batch(payment.soloKey(), List.of(payment), true));
            } else {
                loose.add(payment);
            }
        }
        List<QueuedPayment> incomplete = new ArrayList<>();
        fixed.forEach((key, payments) -> {
            if (payments.size() == payments.get(0).batchSize()) {
                batches.add(new Batch(key, List.copyOf(payments), false));
            } else {
                incomplete.addAll(payments);
            }
        });
        for (int from = 0; from < loose.size(); from += perCall) {
            List<QueuedPayment> group = List.copyOf(loose.subList(from, Math.min(loose.size(), from + perCall)));
            batches.add(new Batch(key(group), group, true));
        }
        return new Plan(batches, incomplete);
    }

    /** Xero allows 128 characters; {@code chatbridge-batch-} and 64 hex characters fit. */
    static String key(List<QueuedPayment> group) {
        if (group.size() == 1) {
            return group.get(0).soloKey();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            group.stream()
                    .map(QueuedPayment::idempotencyKey)
                    .sorted()
                    .forEach(k -> sha.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
            return "chatbridge-batch-" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
