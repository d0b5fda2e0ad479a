package io.chatbridge.importer;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What to import and how to read it.
 *
 * @param source an exported {@code .txt}, a {@code .zip} (with media), or a folder of them
 * @param businessNumber the business's WhatsApp number; it names the conversations and, when an author
 *     is that number, identifies the business's messages
 * @param businessAuthor the business's name as the export shows it; overrides every inference
 * @param customerNumber the customer's number for a one-to-one chat whose customer appears by name
 * @param locale decides the date order when a file's dates cannot; null for the business settings' locale
 * @param zone the phone's time zone (exports carry local times without one); null for the business settings' zone
 * @param dateOrder forces the date order instead of inferring it per file; null to infer
 * @param dryRun parse and report, write nothing
 */
public record ImportRequest(
        Path source,
        String businessNumber,
        String businessAuthor,
        String customerNumber,
        Locale locale,
        ZoneId zone,
        DateOrder dateOrder,
        boolean dryRun) {}
