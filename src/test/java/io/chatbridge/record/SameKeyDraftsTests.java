package io.chatbridge.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.extract.FieldSource;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.record.RecordService.CausedDraft;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SameKeyDraftsTests {

    private static final String KEY = "+447700900123|BP-2231";

    @Test
    void anOlderDraftOfTheSameRecordKeepsOnlyTheFieldsNoNewerOneStates() {
        RecordDraft older = payment("m1", KEY, Map.of("amount", "45.50", "paid_on", "2026-11-20", "note", "deposit"));
        RecordDraft newer = payment("m2", KEY, Map.of("amount", "45.50", "paid_on", "2026-11-21"));

        List<CausedDraft> applied =
                SameKeyDrafts.newestStatesEachField(List.of(caused(older, "m3"), caused(newer, "m3")));

        assertThat(applied.get(0).draft().fields()).containsOnlyKeys("note");
        assertThat(applied.get(0).draft().sources()).containsOnlyKeys("note");
        assertThat(applied.get(0).draft().confidence()).containsOnlyKeys("note");
        assertThat(applied.get(0).draft().anchorMessageId()).isEqualTo("m1");
        assertThat(applied.get(0).draft().businessKey()).isEqualTo(KEY);
        assertThat(applied.get(0).cause()).isEqualTo("m3");
        assertThat(applied.get(1).draft()).isSameAs(newer);
    }

    @Test
    void theDraftsOfOneRecordAgreeOnWhatIsMissing() {
        RecordDraft older = draft("m1", KEY, Map.of("amount", "45.50"), List.of("method"));
        RecordDraft newer = draft("m2", KEY, Map.of("method", "card"), List.of("amount"));

        List<CausedDraft> applied =
                SameKeyDrafts.newestStatesEachField(List.of(caused(older, "m2"), caused(newer, "m2")));

        assertThat(applied).allSatisfy(d -> assertThat(d.draft().complete()).isTrue());
        assertThat(applied.get(0).draft().fields()).containsOnlyKeys("amount");
        assertThat(applied.get(1).draft().fields()).containsOnlyKeys("method");
    }

    @Test
    void draftsOfOtherMessagesOtherKeysOrNoKeyAreLeftAsTheyAre() {
        RecordDraft first = payment("m1", KEY, Map.of("amount", "45.50"));
        RecordDraft other = payment("m2", "+447700900123|BP-2232", Map.of("amount", "20.00"));
        RecordDraft unkeyed = draft("m3", null, Map.of("amount", "9.00"), List.of("reference"));
        RecordDraft sameKeyNextMessage = payment("m4", KEY, Map.of("amount", "50.00"));
        List<CausedDraft> drafts = List.of(
                caused(first, "m3"), caused(other, "m3"), caused(unkeyed, "m3"), caused(sameKeyNextMessage, "m4"));

        assertThat(SameKeyDrafts.newestStatesEachField(drafts)).isSameAs(drafts);
    }

    @Test
    void eachMessagesDraftsAreTakenTogether() {
        RecordDraft older = payment("m1", KEY, Map.of("paid_on", "2026-11-20"));
        RecordDraft newer = payment("m2", KEY, Map.of("paid_on", "2026-11-21"));

        List<CausedDraft> applied = SameKeyDrafts.newestStatesEachField(
                List.of(caused(older, "m2"), caused(newer, "m2"), caused(older, "m3"), caused(newer, "m3")));

        assertThat(applied)
                .extracting(d -> d.cause() + " " + d.draft().anchorMessageId() + " "
                        + d.draft().fields())
                .containsExactly("m2 m1 {}", "m2 m2 {paid_on=2026-11-21}", "m3 m1 {}", "m3 m2 {paid_on=2026-11-21}");
    }

    private static RecordDraft payment(String anchor, String key, Map<String, Object> fields) {
        return draft(anchor, key, fields, List.of());
    }

    private static RecordDraft draft(String anchor, String key, Map<String, Object> fields, List<String> missing) {
        Map<String, FieldSource> sources = new java.util.HashMap<>();
        Map<String, Double> confidence = new java.util.HashMap<>();
        fields.keySet().forEach(f -> {
            sources.put(f, new FieldSource(anchor, 0, 1));
            confidence.put(f, 0.9);
        });
        return new RecordDraft("payment", anchor, key, fields, sources, confidence, missing);
    }

    private static CausedDraft caused(RecordDraft draft, String cause) {
        return new CausedDraft(draft, cause);
    }
}
