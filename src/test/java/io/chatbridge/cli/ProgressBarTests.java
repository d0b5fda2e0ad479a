package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.importer.ImportProgress;
import io.chatbridge.importer.ProgressStates;
import org.junit.jupiter.api.Test;

class ProgressBarTests {

    @Test
    void whileTheFileIsReadTheBarFollowsTheLinesAndTheEtaTheMessagesLeft() {
        String line = ProgressBar.line(ProgressStates.importing(1_000, 250, 800, 200));

        assertThat(line).startsWith("[######------------------]  25%  200/800 messages  0 records  ");
        assertThat(line).contains(" ETA ").endsWith("(importing)");
    }

    /**
     * Extraction is often the longer half of a large import: the bar, the rate and the ETA follow it, and
     * the records appear as they are committed (before, the bar stood at 100 % with 0 records until the end).
     */
    @Test
    void onceTheFileIsStoredTheBarFollowsTheMessagesExtracted() {
        ImportProgress progress = ProgressStates.extracting(1_000, 800, 200, 35);

        String line = ProgressBar.line(progress);

        assertThat(line).startsWith("[######------------------]  25%  200/800 messages extracted  35 records  ");
        assertThat(line).contains(" ETA ").endsWith("(extracting)");
    }

    @Test
    void theLastLineShowsEverythingExtractedAndNoEta() {
        ImportProgress progress = ProgressStates.done(ProgressStates.extracting(1_000, 800, 800, 90));

        assertThat(ProgressBar.line(progress))
                .startsWith("[########################] 100%  800/800 messages extracted  90 records  ")
                .doesNotContain("ETA")
                .endsWith("(done)");
    }

    @Test
    void aFileWithNothingNewEndsFullWithNothingToExtract() {
        ImportProgress progress = ProgressStates.extracting(1_000, 0, 0, 0);

        assertThat(ProgressBar.line(progress))
                .startsWith("[########################] 100%  0/0 messages extracted  0 records  0 msg/s  ");
    }

    @Test
    void aDryRunEndsWithTheMessagesRead() {
        ImportProgress progress = ProgressStates.done(ProgressStates.importing(1_000, 1_000, 800, 800));

        assertThat(ProgressBar.line(progress))
                .startsWith("[########################] 100%  800/800 messages  0 records  ")
                .endsWith("(done)");
    }
}
