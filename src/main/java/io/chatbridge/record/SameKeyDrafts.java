package io.chatbridge.record;

import io.chatbridge.extract.RecordDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drafts of one message's window that name the same record: the same type and business key ("I paid
 * £45.50, reference BP-2231" said again a day later, where "also …" reads as another payment; a second
 * appointment on a day the customer already has one, when the key is customer and date). They go to one
 * record, in window order, so the newest message's values are the ones it keeps. But an older draft that
 * states a field again makes the record change twice at every later message while both are in the window:
 * back to the older value, then forward to the newer one, each a version, a history row and a delivery to
 * every sink, with nothing changed in the end (a 1:1 chat of 85,440 messages gave one payment 248,017
 * versions).
 *
 * <p>So each field is stated by the newest draft of its record that has it: older drafts of the same
 * record keep only the fields no newer one states. What the record holds after every message is what it
 * held before; only the back and forth is gone. The drafts also agree on what is missing (a field none of
 * them has), so the record's completeness does not go back and forth either. Drafts without a business key,
 * and those alone with theirs, are returned as they are (the same instances). The extractor's drafts are
 * left as it read them: whether two drafts are one record is the record service's rule.
 */
final class SameKeyDrafts {

    private SameKeyDrafts() {}

    /**
     * @param drafts drafts and the messages that caused them, each message's drafts together and in the
     *     order the extractor gave them (oldest record first), as {@link RecordService} applies them
     */
    static List<RecordService.CausedDraft> newestStatesEachField(List<RecordService.CausedDraft> drafts) {
        List<RecordService.CausedDraft> result = null;
        int start = 0;
        for (int i = 1; i <= drafts.size(); i++) {
            if (i < drafts.size()
                    && drafts.get(i).cause().equals(drafts.get(start).cause())) {
                continue;
            }
            if (keyed(drafts, start, i) > 1) {
                List<RecordDraft> window = new ArrayList<>(i - start);
                for (int j = start; j < i; j++) {
                    window.add(drafts.get(j).draft());
                }
                List<RecordDraft> stated = ofOneWindow(window);
                if (stated != window) {
                    if (result == null) {
                        result = new ArrayList<>(drafts);
                    }
                    for (int j = start; j < i; j++) {
                        result.set(
                                j,
                                new RecordService.CausedDraft(
                                        stated.get(j - start), drafts.get(j).cause()));
                    }
                }
            }
            start = i;
        }
        return result == null ? drafts : result;
    }

    /** How many of one message's drafts have a business key: only two or more can share one. */
    private static int keyed(List<RecordService.CausedDraft> drafts, int from, int to) {
        int keyed = 0;
        for (int j = from; j < to; j++) {
            if (drafts.get(j).draft().businessKey() != null) {
                keyed++;
            }
        }
        return keyed;
    }

    /**
     * @param drafts one window's drafts, in the order their records were opened (oldest first), two or more
     *     of them with a business key ({@link #keyed})
     */
    private static List<RecordDraft> ofOneWindow(List<RecordDraft> drafts) {
        Map<String, List<Integer>> shared = groupsOfSameRecord(drafts);
        if (shared.isEmpty()) {
            return drafts;
        }
        List<RecordDraft> result = new ArrayList<>(drafts);
        for (List<Integer> group : shared.values()) {
            List<String> missing = missingFromAll(drafts, group);
            Set<String> statedLater = new HashSet<>();
            for (int g = group.size() - 1; g >= 0; g--) {
                int position = group.get(g);
                RecordDraft draft = drafts.get(position);
                result.set(position, without(draft, statedLater, missing));
                statedLater.addAll(draft.fields().keySet());
            }
        }
        return result;
    }

    /** Positions of the drafts that share their type and key with another, by type and key; empty if none. */
    private static Map<String, List<Integer>> groupsOfSameRecord(List<RecordDraft> drafts) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            RecordDraft draft = drafts.get(i);
            if (draft.businessKey() != null) {
                byKey.computeIfAbsent(DraftBatch.key(draft.type(), draft.businessKey()), k -> new ArrayList<>(2))
                        .add(i);
            }
        }
        byKey.values().removeIf(positions -> positions.size() < 2);
        return byKey;
    }

    /** The fields every draft of the group misses, in the newest draft's order. */
    private static List<String> missingFromAll(List<RecordDraft> drafts, List<Integer> group) {
        List<String> missing =
                new ArrayList<>(drafts.get(group.get(group.size() - 1)).missing());
        for (int position : group) {
            missing.retainAll(drafts.get(position).missing());
        }
        return missing;
    }

    /** The draft without the fields a newer draft of its record states, and with the group's missing fields. */
    private static RecordDraft without(RecordDraft draft, Set<String> statedLater, List<String> missing) {
        boolean trimmed = draft.fields().keySet().stream().anyMatch(statedLater::contains);
        if (!trimmed && draft.missing().equals(missing)) {
            return draft;
        }
        return new RecordDraft(
                draft.type(),
                draft.anchorMessageId(),
                draft.businessKey(),
                kept(draft.fields(), statedLater),
                kept(draft.sources(), statedLater),
                kept(draft.confidence(), statedLater),
                missing);
    }

    private static <V> Map<String, V> kept(Map<String, V> values, Set<String> statedLater) {
        Map<String, V> kept = new HashMap<>(values);
        kept.keySet().removeAll(statedLater);
        return kept;
    }
}
