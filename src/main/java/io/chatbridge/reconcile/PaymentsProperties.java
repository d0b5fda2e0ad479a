package io.chatbridge.reconcile;

import io.chatbridge.reconcile.match.MatchSettings;
import io.chatbridge.reconcile.statement.CsvProfile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation settings ({@code chatbridge.payments.*}).
 *
 * @param statementsDir the watched folder: statement files dropped here are imported, then moved to
 *     {@code .done/} (or {@code .failed/}); a file in a sub-folder named after a CSV profile is read with it
 * @param reportFile where the scheduled finance workbook is written
 * @param autoScore proposals scoring at least this are matched (and paid) without a person
 * @param dateWindow how far the bank's booking date may be from the day the customer says they paid
 * @param claimGrace a claim without a bank entry after this long is "claimed but not in bank"
 * @param roundingTolerance a difference up to this counts as paid in full
 * @param feeTolerancePercent a shortfall up to this share is "amount differs" rather than a part payment
 * @param defaultCurrency the currency of CSV statements whose profile names none
 * @param csvProfiles per-bank CSV settings by name; {@code default} is used when none is named
 * @param reconcileEvery how often the reconciler runs on its own (it also runs after each import)
 * @param reportEvery how often the workbook is regenerated
 * @param screenshotWindow an image without a caption sent this close (before or after) to a claim's
 *     message, in the same conversation, is that claim's screenshot
 */
@ConfigurationProperties("chatbridge.payments")
public record PaymentsProperties(
        @DefaultValue("./data/statements") Path statementsDir,
        @DefaultValue("./data/reports/reconciliation.xlsx") Path reportFile,
        @DefaultValue("0.9") double autoScore,
        @DefaultValue("7d") Duration dateWindow,
        @DefaultValue("5d") Duration claimGrace,
        @DefaultValue("0.05") BigDecimal roundingTolerance,
        @DefaultValue("5") BigDecimal feeTolerancePercent,
        @DefaultValue("EUR") String defaultCurrency,
        Map<String, CsvProfile> csvProfiles,
        @DefaultValue("5m") Duration reconcileEvery,
        @DefaultValue("1h") Duration reportEvery,
        @DefaultValue("30m") Duration screenshotWindow) {

    public PaymentsProperties {
        csvProfiles = csvProfiles == null ? Map.of() : Map.copyOf(csvProfiles);
    }

    public MatchSettings matchSettings() {
        return new MatchSettings(autoScore, (int) dateWindow.toDays(), roundingTolerance, feeTolerancePercent);
    }

    /** The named profile, else {@code default}, else everything detected from the file. */
    public CsvProfile csvProfile(String name) {
        if (name != null && csvProfiles.containsKey(name)) {
            return csvProfiles.get(name);
        }
        return csvProfiles.getOrDefault("default", CsvProfile.detect(defaultCurrency));
    }

    public boolean hasCsvProfile(String name) {
        return name != null && csvProfiles.containsKey(name);
    }
}
