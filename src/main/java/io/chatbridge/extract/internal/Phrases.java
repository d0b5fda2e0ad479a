package io.chatbridge.extract.internal;

import io.chatbridge.extract.internal.PhraseIndex.Hits;
import io.chatbridge.extract.internal.PhraseIndex.PhraseSet;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of mapping phrases (keywords, exclusions, cues, vocabulary) matched whole-word in folded text.
 * Looked up in the mapping set's {@link PhraseIndex}; a list with a phrase the index cannot hold (one
 * that starts with a symbol) falls back to the regular expression, which gives the same matches.
 */
final class Phrases {

    private final PhraseIndex index;
    private final PhraseSet set;
    private final Pattern regex;

    private Phrases(PhraseIndex index, PhraseSet set, Pattern regex) {
        this.index = index;
        this.set = set;
        this.regex = regex;
    }

    /** Null when there are no phrases. */
    static Phrases of(Collection<List<String>> lists, PhraseIndex index) {
        Pattern regex = CompiledType.phrases(lists);
        if (regex == null) {
            return null;
        }
        boolean indexable = lists.stream().flatMap(List::stream).allMatch(PhraseIndex::indexable);
        return indexable ? new Phrases(index, index.set(lists), null) : new Phrases(null, null, regex);
    }

    /** Matches over the whole text, as a {@code find()} loop counts them. */
    int count(MessageFacts facts) {
        if (set != null) {
            return facts.phrases(index).count(set);
        }
        int n = 0;
        Matcher m = regex.matcher(facts.folded);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The first match {@code [start, end)}, or null. */
    int[] first(MessageFacts facts) {
        if (set != null) {
            Hits hits = facts.phrases(index);
            int at = hits.next(set, 0, Integer.MAX_VALUE);
            return at < 0 ? null : new int[] {hits.start(at), hits.end(at)};
        }
        Matcher m = regex.matcher(facts.folded);
        return m.find() ? new int[] {m.start(), m.end()} : null;
    }

    /** Receives one match; returns true to stop. */
    interface Visitor {
        boolean visit(int start, int end);
    }

    /** Visits the matches inside {@code [from, to)} in order, looking beyond it for word boundaries. */
    boolean anyIn(MessageFacts facts, int from, int to, Visitor visitor) {
        if (set != null) {
            Hits hits = facts.phrases(index);
            for (int at = hits.next(set, from, to); at >= 0; at = hits.next(set, hits.end(at), to)) {
                if (visitor.visit(hits.start(at), hits.end(at))) {
                    return true;
                }
            }
            return false;
        }
        Matcher m = regex.matcher(facts.folded);
        m.region(from, to);
        m.useTransparentBounds(true);
        while (m.find()) {
            if (visitor.visit(m.start(), m.end())) {
                return true;
            }
        }
        return false;
    }
}
