package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.TextCleaner;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A record-type mapping with its phrases and patterns compiled once, ready to run on every message. */
final class CompiledType {

    final RecordTypeMapping mapping;
    final Phrases keywords;
    final Phrases exclude;
    final List<MappingPattern> patterns;
    final List<CompiledField> fields;
    final boolean hasItems;
    /** Fields that fall back to the profile name: a name given for one record serves the others. */
    final List<String> nameFields;

    /** Questions a message remembers per type by number ({@link MessageFacts#rememberedFor}). */
    static final int QUESTIONS = 8;
    /** {@link #keywordHits}; the readings when nothing was asked take numbers 0 to 5 ({@link FieldReader}). */
    static final int KEYWORD_HITS = 6;
    /** The fields of this type a business message asks about ({@link ConversationReader}). */
    static final int ASKED = 7;

    /** This type's position in its mapping set, and the number of types in the set. */
    final int index;

    final int types;

    /** Compiles one mapping, adding its phrases to the set-wide {@code index}. */
    CompiledType(RecordTypeMapping mapping, PhraseIndex index, int position, int types) {
        this.index = position;
        this.types = types;
        this.mapping = mapping;
        this.keywords = Phrases.of(mapping.match().keywords().values(), index);
        this.exclude = Phrases.of(mapping.match().exclude().values(), index);
        this.patterns = mapping.match().patterns().stream()
                .map(p -> new MappingPattern(Pattern.compile(p), mapping.type() + " match.patterns"))
                .toList();
        this.fields = mapping.fields().values().stream()
                .map(f -> new CompiledField(mapping.type(), f, index))
                .toList();
        this.hasItems = fields.stream().anyMatch(f -> f.mapping.type() == FieldType.ITEM_LIST);
        this.nameFields = fields.stream()
                .filter(f -> "profile-name".equals(f.mapping.fallback()))
                .map(CompiledField::name)
                .toList();
    }

    String name() {
        return mapping.type();
    }

    /** Keyword and pattern hits; phrase hits and pattern results are kept per message, since the pipeline re-reads windows. */
    int keywordHits(MessageFacts facts) {
        return facts.rememberedFor(this, KEYWORD_HITS, () -> countKeywordHits(facts));
    }

    private int countKeywordHits(MessageFacts facts) {
        int hits = keywords == null ? 0 : keywords.count(facts);
        for (MappingPattern p : patterns) {
            hits += facts.capture(p) != null ? 1 : 0;
        }
        return hits;
    }

    boolean excluded(MessageFacts facts) {
        return exclude != null && exclude.first(facts) != null;
    }

    List<CompiledField> fieldsOf(FieldType type) {
        List<CompiledField> result = new ArrayList<>(1);
        for (CompiledField f : fields) {
            if (f.mapping.type() == type) {
                result.add(f);
            }
        }
        return result;
    }

    /** Whole-word alternation over folded text; a trailing {@code *} matches any word ending. */
    static Pattern phrases(Collection<List<String>> lists) {
        List<String> alternatives = new ArrayList<>();
        lists.forEach(list -> list.forEach(p -> alternatives.add(phrase(p))));
        if (alternatives.isEmpty()) {
            return null;
        }
        alternatives.sort((a, b) -> b.length() - a.length());
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
    }

    static String phrase(String raw) {
        String folded = TextCleaner.fold(raw.trim());
        boolean prefix = folded.endsWith("*");
        String body = prefix ? folded.substring(0, folded.length() - 1) : folded;
        String quoted = Pattern.quote(body).replace(" ", "\\E\\s+\\Q");
        return prefix ? quoted + "\\p{L}*" : quoted;
    }

    /** One field with its cues, patterns and vocabulary compiled. */
    static final class CompiledField {

        final FieldMapping mapping;
        final Phrases cues;
        final List<MappingPattern> patterns;
        final List<Map.Entry<String, Phrases>> vocabulary;
        final Phrases anyPhrase;
        final Map<String, String> canonicalOf;
        final FieldConstraints constraints;

        CompiledField(String type, FieldMapping mapping, PhraseIndex index) {
            this.mapping = mapping;
            String where = type + "." + mapping.name();
            this.constraints = FieldConstraints.of(where + " pattern", mapping);
            this.cues = Phrases.of(mapping.cues().values(), index);
            this.patterns = mapping.patterns().stream()
                    .map(p -> new MappingPattern(Pattern.compile(p), where + " patterns"))
                    .toList();
            List<Map.Entry<String, Phrases>> vocab = new ArrayList<>();
            mapping.values().forEach((canonical, synonyms) -> {
                Phrases p = Phrases.of(List.of(synonyms), index);
                if (p != null) {
                    vocab.add(Map.entry(canonical, p));
                }
            });
            this.vocabulary = List.copyOf(vocab);
            this.anyPhrase = Phrases.of(mapping.values().values(), index);
            Map<String, String> canonical = new java.util.HashMap<>();
            mapping.values()
                    .forEach((value, synonyms) -> synonyms.forEach(s ->
                            canonical.putIfAbsent(TextCleaner.fold(s.trim()).replaceAll("\\s+", " "), value)));
            this.canonicalOf = Map.copyOf(canonical);
        }

        String name() {
            return mapping.name();
        }

        /** True when a cue word stands right before or right after {@code [start, end)}. */
        boolean cuedAt(MessageFacts facts, int start, int end) {
            if (cues == null) {
                return false;
            }
            String folded = facts.folded;
            return cues.anyIn(
                    facts,
                    Math.max(0, start - 16),
                    Math.min(folded.length(), end + 16),
                    (s, e) -> (e <= start && gapWords(folded, e, start) <= 1)
                            || (s >= end && gapWords(folded, end, s) <= 1));
        }

        /** True when a cue of at least four letters appears anywhere: a business question about this field. */
        boolean askedIn(MessageFacts facts) {
            return cues != null && cues.anyIn(facts, 0, facts.folded.length(), (s, e) -> e - s >= 4);
        }

        /** Words between two spans: the trimmed gap split on whitespace. */
        private static int gapWords(String text, int from, int to) {
            int a = from;
            int b = to;
            while (a < b && text.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && text.charAt(b - 1) <= ' ') {
                b--;
            }
            if (a == b) {
                return 0;
            }
            int words = 1;
            for (int i = a + 1; i < b; i++) {
                if (PhraseIndex.isRegexSpace(text.charAt(i)) && !PhraseIndex.isRegexSpace(text.charAt(i - 1))) {
                    words++;
                }
            }
            return words;
        }
    }
}
