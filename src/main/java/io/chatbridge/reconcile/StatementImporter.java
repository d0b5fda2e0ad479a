package io.chatbridge.reconcile;

import io.chatbridge.reconcile.statement.BankEntry;
import io.chatbridge.reconcile.statement.CsvProfile;
import io.chatbridge.reconcile.statement.EntryKeys;
import io.chatbridge.reconcile.statement.ParsedStatement;
import io.chatbridge.reconcile.statement.StatementFormatException;
import io.chatbridge.reconcile.statement.StatementReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a bank statement file, from the API or the watched folder, then reconciles. Importing is
 * all-or-nothing per file (a file we cannot read changes nothing and says why) and idempotent: the
 * same file again is recognised by its SHA-256, and an entry already known from another file (an
 * overlapping export) by its dedupe key, so nothing is counted twice.
 */
@Service
public class StatementImporter {

    private static final Logger log = LoggerFactory.getLogger(StatementImporter.class);

    private final StatementReader reader = new StatementReader();
    private final StatementStore store;
    private final Reconciler reconciler;
    private final PaymentsProperties properties;
    private final TransactionTemplate transaction;

    StatementImporter(
            StatementStore store,
            Reconciler reconciler,
            PaymentsProperties properties,
            TransactionTemplate transaction) {
        this.store = store;
        this.reconciler = reconciler;
        this.properties = properties;
        this.transaction = transaction;
    }

    /**
     * @param csvProfile the bank's CSV profile name, or null for {@code default}
     * @param origin {@code upload} or {@code folder}
     * @throws StatementFormatException when the file is not a statement we can read
     */
    public StatementImport importFile(String fileName, byte[] content, String csvProfile, String origin) {
        String sha = sha256(content);
        StatementImport earlier = store.findBySha(sha).orElse(null);
        if (earlier != null) {
            return earlier;
        }
        ParsedStatement parsed = withCurrency(reader.read(content, profile(csvProfile)));
        List<String> keys = EntryKeys.keys(parsed.entries());
        StatementImport result = transaction.execute(status -> store.insert(fileName, origin, sha, parsed, keys));
        if (result == null) {
            return store.findBySha(sha).orElseThrow();
        }
        log.info(
                "Imported {} statement {} ({}): {} entries, {} new",
                parsed.format(),
                result.statementId(),
                origin,
                result.entries(),
                result.newEntries());
        if (result.newEntries() > 0) {
            reconciler.reconcile();
        }
        return result;
    }

    private CsvProfile profile(String name) {
        if (name != null && !name.isBlank() && !properties.hasCsvProfile(name)) {
            throw new StatementFormatException("no CSV profile '" + name + "' (chatbridge.payments.csv-profiles)");
        }
        return properties.csvProfile(name);
    }

    /** CSV exports rarely carry a currency: the profile's, else the configured default, is the account's. */
    private ParsedStatement withCurrency(ParsedStatement parsed) {
        List<BankEntry> entries = parsed.entries().stream()
                .map(e -> e.currency() == null || e.currency().isBlank()
                        ? new BankEntry(
                                e.account(),
                                e.bookedOn(),
                                e.amount(),
                                properties.defaultCurrency(),
                                e.bankReference(),
                                e.endToEndId(),
                                e.counterparty(),
                                e.remittance())
                        : e)
                .toList();
        return new ParsedStatement(parsed.format(), parsed.statements(), entries);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
