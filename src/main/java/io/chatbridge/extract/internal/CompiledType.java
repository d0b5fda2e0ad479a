package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.TextCleaner;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A record-type mapping with its phrases and patterns compiled once, ready to run on every message. */
final class CompiledType {

    final RecordTypeMapping mapping;
    final Pattern keywords;
    final Pattern exclude;
    final List<Pattern> patterns;
    final List<CompiledField> fields;

    CompiledType(RecordTypeMapping mapping) {
        this.mapping = mapping;
        this.keywords = phrases(mapping.match().keywords().values());
        this.exclude = phrases(mapping.match().exclude().values());
        this.patterns = mapping.match().patterns().stream().map(Pattern::compile).toList();
        this.fields = mapping.fields().values().stream().map(CompiledField::new).toList();
    }

    String name() {
        return mapping.type();
    }

    /** Keyword and pattern hits; remembered per message, since the pipeline re-reads windows. */
    int keywordHits(MessageFacts facts) {
        return facts.remember(this, "hits", () -> countHits(facts));
    }

    private int countHits(MessageFacts facts) {
        int hits = count(keywords, facts.folded);
        for (Pattern p : patterns) {
            hits += p.matcher(facts.clean).find() ? 1 : 0;
        }
        return hits;
    }

    boolean excluded(MessageFacts facts) {
        return exclude != null && facts.remember(this, "excluded", () -> exclude.matcher(facts.folded).find() ? 1 : 0) == 1;
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

    private static int count(Pattern p, String text) {
        if (p == null) {
            return 0;
        }
        int n = 0;
        Matcher m = p.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
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

    private static String phrase(String raw) {
        String folded = TextCleaner.fold(raw.trim());
        boolean prefix = folded.endsWith("*");
        String body = prefix ? folded.substring(0, folded.length() - 1) : folded;
        String quoted = Pattern.quote(body).replace(" ", "\\E\\s+\\Q");
        return prefix ? quoted + "\\p{L}*" : quoted;
    }

    /** One field with its cues, patterns and vocabulary compiled. */
    static final class CompiledField {

        final FieldMapping mapping;
        final Pattern cues;
        final List<Pattern> patterns;
        final List<Map.Entry<String, Pattern>> vocabulary;
        final Pattern anyPhrase;
        final Map<String, String> canonicalOf;

        CompiledField(FieldMapping mapping) {
            this.mapping = mapping;
            this.cues = phrases(mapping.cues().values());
            this.patterns = mapping.patterns().stream().map(Pattern::compile).toList();
            List<Map.Entry<String, Pattern>> vocab = new ArrayList<>();
            mapping.values().forEach((canonical, synonyms) -> vocab.add(Map.entry(canonical, phrases(List.of(synonyms)))));
            this.vocabulary = List.copyOf(vocab);
            this.anyPhrase = phrases(mapping.values().values());
            Map<String, String> canonical = new java.util.HashMap<>();
            mapping.values().forEach((value, synonyms) -> synonyms.forEach(
                    s -> canonical.putIfAbsent(TextCleaner.fold(s.trim()).replaceAll("\\s+", " "), value)));
            this.canonicalOf = Map.copyOf(canonical);
        }

        String name() {
            return mapping.name();
        }

        /** True when a cue word stands right before or right after {@code [start, end)}. */
        boolean cuedAt(String folded, int start, int end) {
            if (cues == null) {
                return false;
            }
            Matcher m = cues.matcher(folded);
            m.region(Math.max(0, start - 16), Math.min(folded.length(), end + 16));
            m.useTransparentBounds(true);
            while (m.find()) {
                if (m.end() <= start && gapWords(folded, m.end(), start) <= 1) {
                    return true;
                }
                if (m.start() >= end && gapWords(folded, end, m.start()) <= 1) {
                    return true;
                }
            }
            return false;
        }

        /** True when a cue of at least four letters appears anywhere: a business question about this field. */
        boolean askedIn(String folded) {
            if (cues == null) {
                return false;
            }
            Matcher m = cues.matcher(folded);
            while (m.find()) {
                if (m.end() - m.start() >= 4) {
                    return true;
                }
            }
            return false;
        }

        private static int gapWords(String text, int from, int to) {
            String gap = text.substring(from, to).trim();
            return gap.isEmpty() ? 0 : TextFields.SPACES.split(gap).length;
        }
    }
}
