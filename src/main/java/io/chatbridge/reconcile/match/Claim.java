package io.chatbridge.reconcile.match;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a customer said they paid: a {@code payment} record from the chat.
 *
 * @param recordId the record's human id ({@code PY-0007})
 * @param reference what they quoted ({@code INV-2041}), or null
 * @param paidOn the day they say they paid (the message's day when they did not say)
 * @param payerName their name as they gave it, or their WhatsApp profile name
 * @param phone their E.164 phone number
 */
public record Claim(
        String recordId,
        BigDecimal amount,
        String currency,
        String reference,
        LocalDate paidOn,
        String payerName,
        String phone) {}
