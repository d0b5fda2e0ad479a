package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.internal.Found.Kind;
import io.chatbridge.extract.normalize.ChatText;
import io.chatbridge.extract.normalize.Match;
import io.chatbridge.extract.normalize.Money;
import io.chatbridge.extract.normalize.NormalizeContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything extraction needs to know about one message, worked out once: the cleaned and folded text
 * (same length as the original, so spans stay valid), the values the normalisers found with overlaps
 * resolved, and how the message reads (small talk, an enquiry, a correction, "another one").
 */
final class MessageFacts {

    final ChatMessage message;
    final NormalizeContext ctx;
    final String clean;
    final String folded;
    final List<Found> found;
    final List<String> words;
    final boolean smallTalk;
    final boolean enquiry;
    final boolean correction;
    final boolean another;
    final String language;

    /**
     * The characters of a message read for values (dates, times, amounts, quantities…). WhatsApp allows
     * 65,536, and the work on values grows faster than their number (each is checked against those found
     * before, and the fields' cues against each): an import of 500 messages of 60,000 characters, full of
     * dates and numbers, read one message in three seconds and slowed down from there. A booking, an order
     * or a payment is said in far fewer. The rest of a message is still read for its words and the
     * mappings' patterns; the views of a text have its length, so a value's place is the same in both.
     */
    static final int READ_CHARS = 8_192;

    private MessageFacts(ChatMessage message, NormalizeContext ctx, ValueFinders finders) {
        this.message = message;
        this.ctx = ctx;
        ChatText text = ChatText.of(message.text());
        ChatText valued = message.text().length() <= READ_CHARS ? text : ChatText.of(readable(message.text()));
        this.clean = text.clean();
        this.folded = text.folded();
        this.words = words(folded);
        boolean corrects = containsAny(folded, Lexicon.CORRECTION);
        boolean chatter = allSmallTalk(words);
        if (chatter) {
            this.found = List.of();
        } else if (message.fromBusiness()) {
            this.found = proposedDates(valued, ctx, finders); // a business message is read only for the day it offers
        } else {
            this.found = find(valued, ctx, finders, corrects || words.size() <= 3);
        }
        this.smallTalk = chatter;
        this.enquiry = folded.contains("?") && Lexicon.ENQUIRY.matcher(folded).find();
        this.correction = corrects || anyNegated(found);
        this.another = containsAny(folded, Lexicon.ANOTHER);
        this.language = language(words, ctx);
    }

    private final java.util.Map<String, int[]> captures = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the readers worked out from this message, by question: see {@link #remembered}. */
    private final java.util.Map<Object, Object> answers = new java.util.concurrent.ConcurrentHashMap<>(8);

    /**
     * The answer to a question about this message alone (a reading of it for a record type, the fields a
     * business message asks about), worked out once: a conversation is read again from a later start when
     * a record leaves the 48-hour window, and the same messages then ask the same questions. The key must
     * name everything besides this message that the answer depends on, and the answer must not change.
     */
    @SuppressWarnings("unchecked")
    <T> T remembered(Object question, java.util.function.Supplier<T> answer) {
        Object known = answers.get(question);
        if (known == null) {
            known = answer.get();
            answers.putIfAbsent(question, known);
        }
        return (T) known;
    }

    /** An answer about one record type, and the type it is for (a reloaded mapping set has new types). */
    private record Known(CompiledType type, Object answer) {}

    /** Answers by {@link CompiledType#index} and question number: see {@link #rememberedFor}. */
    private volatile java.util.concurrent.atomic.AtomicReferenceArray<Known> byType;

    /**
     * As {@link #remembered}, for the questions asked of every message for every record type (a reading
     * when the business asked nothing, the keyword hits): numbered, in an array instead of a hash map, since
     * a conversation read again from a later start asks them again for every message of its window.
     *
     * @param question below {@link CompiledType#QUESTIONS}; with the type it must name everything besides
     *     this message that the answer depends on
     */
    @SuppressWarnings("unchecked")
    <T> T rememberedFor(CompiledType type, int question, java.util.function.Supplier<T> answer) {
        java.util.concurrent.atomic.AtomicReferenceArray<Known> known = byType;
        if (known == null) {
            known = new java.util.concurrent.atomic.AtomicReferenceArray<>(type.types * CompiledType.QUESTIONS);
            byType = known;
        }
        int slot = type.index * CompiledType.QUESTIONS + question;
        if (slot >= known.length()) {
            return remembered(java.util.List.of(type, question), answer); // a set with more types than the array
        }
        Known k = known.get(slot);
        if (k == null || k.type != type) {
            Known fresh = new Known(type, answer.get());
            k = known.compareAndSet(slot, k, fresh) ? fresh : known.get(slot);
            if (k.type != type) {
                return (T) fresh.answer;
            }
        }
        return (T) k.answer;
    }

    /**
     * Group 1 (or the whole match) of a mapping pattern in the cleaned text, or null. Cached per message:
     * several record types share the same name patterns. A message without any of the words a match must
     * hold is not searched ({@link MappingPattern#mayMatch}).
     */
    int[] capture(MappingPattern mapping) {
        if (!mapping.mayMatch(folded)) {
            return null;
        }
        int[] span = captures.computeIfAbsent(mapping.pattern.pattern(), key -> {
            int[] found = mapping.find(clean);
            return found == null ? new int[0] : found;
        });
        return span.length == 0 ? null : span;
    }

    private volatile PhraseIndex.Hits phraseHits;

    /** Where the mapping phrases of {@code index} occur in this message; worked out once per mapping set. */
    PhraseIndex.Hits phrases(PhraseIndex index) {
        PhraseIndex.Hits hits = phraseHits;
        if (hits == null || hits.index != index) {
            hits = index.scan(folded);
            phraseHits = hits;
        }
        return hits;
    }

    /** The first {@link #READ_CHARS} characters of a text, never half of an emoji. */
    static String readable(String text) {
        if (text.length() <= READ_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(READ_CHARS - 1)) ? READ_CHARS - 1 : READ_CHARS;
        return text.substring(0, end);
    }

    static MessageFacts of(ChatMessage message, NormalizeContext ctx, ValueFinders finders) {
        return new MessageFacts(message, ctx, finders);
    }

    private volatile List<List<Found>> byKind;

    /** The values of one kind, in text order; worked out once, since every field of every type asks. */
    List<Found> found(Kind kind) {
        List<List<Found>> lists = byKind;
        if (lists == null) {
            List<List<Found>> all = new ArrayList<>();
            for (Kind k : Kind.values()) {
                List<Found> of = new ArrayList<>(2);
                for (Found f : found) {
                    if (f.kind() == k) {
                        of.add(f);
                    }
                }
                all.add(List.copyOf(of));
            }
            lists = List.copyOf(all);
            byKind = lists;
        }
        return lists.get(kind.ordinal());
    }

    /** A reply of a few words, such as "8" or "Ana Silva", which answers whatever was just asked. */
    boolean shortAnswer() {
        return words.size() <= 3;
    }

    /**
     * A bare number counts only in a correction ("make it 12 not 10") or a short reply ("8") — the
     * quantity finder rightly ignores digits with nothing around them.
     */
    private static final Pattern BARE_NUMBER =
            Pattern.compile("(?<![\\p{L}\\p{N}.,:/$€£₹#+-])\\d{1,3}(?![\\p{L}\\p{N}]|[.,:/]\\p{N})");

    private static List<Found> proposedDates(ChatText text, NormalizeContext ctx, ValueFinders finders) {
        List<Found> all = new ArrayList<>();
        add(all, text.folded(), Kind.DATE, finders.dates(text, ctx));
        return List.copyOf(all);
    }

    private static List<Found> find(ChatText text, NormalizeContext ctx, ValueFinders finders, boolean bareNumbers) {
        List<Found> all = new ArrayList<>();
        String folded = text.folded();
        boolean digits = hasDigit(folded);
        if (digits) {
            add(all, folded, Kind.PHONE, finders.phones(text, ctx));
        }
        if (folded.indexOf('@') >= 0) {
            add(all, folded, Kind.EMAIL, finders.emails(text, ctx));
        }
        if (digits) {
            add(all, folded, Kind.REFERENCE, finders.references(text, ctx));
        }
        add(all, folded, Kind.DATE, finders.dates(text, ctx));
        add(all, folded, Kind.TIME, finders.times(text, ctx));
        // phones, references, e-mails and amounts cannot be written without digits or an @
        List<Match<Money>> amounts = digits ? finders.amounts(text, ctx) : List.of();
        add(
                all,
                folded,
                Kind.MONEY,
                amounts.stream().filter(m -> m.value().currency() != null).toList());
        add(all, folded, Kind.QUANTITY, finders.quantities(text, ctx));
        add(
                all,
                folded,
                Kind.MONEY,
                amounts.stream().filter(m -> m.value().currency() == null).toList());
        if (bareNumbers && digits) {
            Matcher m = BARE_NUMBER.matcher(folded);
            List<Match<Integer>> bare = new ArrayList<>();
            while (m.find()) {
                bare.add(new Match<>(Integer.parseInt(m.group()), m.start(), m.end(), 0.7));
            }
            add(all, folded, Kind.QUANTITY, bare);
        }
        all.sort(Comparator.comparingInt(Found::start));
        return List.copyOf(all);
    }

    /** Adds matches that do not overlap a value of a more specific kind found before. */
    private static <T> void add(List<Found> all, String folded, Kind kind, List<Match<T>> matches) {
        for (Match<T> m : matches) {
            Found f = new Found(kind, m.value(), m.start(), m.end(), m.confidence(), negated(folded, m.start(), kind));
            if (!overlapsAny(f, all)) {
                all.add(f);
            }
        }
    }

    private static boolean overlapsAny(Found f, List<Found> all) {
        for (Found other : all) {
            if (f.overlaps(other) && !dateAndTime(f, other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "8 tonight" is a time and a date at once; both readings stay. */
    private static boolean dateAndTime(Found a, Found b) {
        return (a.kind() == Kind.DATE && b.kind() == Kind.TIME) || (a.kind() == Kind.TIME && b.kind() == Kind.DATE);
    }

    private static boolean negated(String folded, int start, Kind kind) {
        String before = folded.substring(Math.max(0, start - 20), start);
        if (before.indexOf('n') < 0 && !before.contains("from") && !before.contains("vez") && !before.contains("was")) {
            return false; // every negating phrase has an 'n' but these three: skip the patterns
        }
        return Lexicon.NEGATED_BEFORE.matcher(before).find()
                || ((kind == Kind.QUANTITY || kind == Kind.MONEY)
                        && Lexicon.NO_BEFORE.matcher(before).find());
    }

    /** Runs of letters, digits and apostrophes. */
    private static List<String> words(String folded) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            boolean inWord = c == '\'' || PhraseIndex.isLetterOrNumber(c);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return words;
    }

    static boolean containsAny(String folded, List<String> phrases) {
        for (String phrase : phrases) {
            int i = folded.indexOf(phrase);
            while (i >= 0) {
                boolean startOk = i == 0 || !Character.isLetterOrDigit(folded.charAt(i - 1));
                int end = i + phrase.length();
                boolean endOk = end >= folded.length() || !Character.isLetterOrDigit(folded.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
                i = folded.indexOf(phrase, i + 1);
            }
        }
        return false;
    }

    private static boolean allSmallTalk(List<String> words) {
        for (String w : words) {
            if (!Lexicon.SMALL_TALK.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyNegated(List<Found> found) {
        for (Found f : found) {
            if (f.negated()) {
                return true;
            }
        }
        return false;
    }

    private static String language(List<String> words, NormalizeContext ctx) {
        int en = 0;
        int es = 0;
        int pt = 0;
        for (String w : words) {
            int hints = Lexicon.LANGUAGE_HINTS.getOrDefault(w, 0);
            en += hints & 1;
            es += (hints >> 1) & 1;
            pt += (hints >> 2) & 1;
        }
        if (en == 0 && es == 0 && pt == 0) {
            return ctx.languages().isEmpty() ? "en" : ctx.languages().get(0);
        }
        return en >= es && en >= pt ? "en" : pt >= es ? "pt" : "es";
    }
}
