package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.Comparator;
import java.util.List;

/**
 * The rule-based engine behind {@code RuleBasedExtractor}. Compiles a mapping set once and reuses it
 * until a different set is passed (after a reload).
 */
public final class ExtractionEngine {

    private static final int RECENT_MESSAGES = 20_000;

    private final FactsCache facts;
    private volatile Compiled compiled;

    private record Compiled(MappingSet set, List<CompiledType> types) {}

    public ExtractionEngine() {
        this(new NormalizerFinders());
    }

    ExtractionEngine(ValueFinders finders) {
        this.facts = new FactsCache(finders, RECENT_MESSAGES);
    }

    public List<RecordDraft> extract(MappingSet mappings, ConversationWindow window, BusinessProfile business) {
        List<ChatMessage> messages = window.messages().stream()
                .sorted(Comparator.comparing(ChatMessage::timestamp))
                .toList();
        List<OpenRecord> records = new ConversationReader(compile(mappings), business, facts).read(messages);
        return records.stream()
                .map(r -> DraftWriter.write(r, records, window, business))
                .toList();
    }

    /**
     * Message-by-message extraction of one conversation; see {@link WindowedSession}.
     *
     * @param remembered what the normalisers find in each message goes through the cache of recent messages
     *     (the live pass, whose windows overlap from one transaction to the next); an import reads each
     *     message once and keeps it in the session
     */
    public WindowedSession session(
            MappingSet mappings,
            BusinessProfile business,
            String conversationId,
            String phoneNumberId,
            String customerPhone,
            boolean remembered) {
        return new WindowedSession(
                compile(mappings), business, facts, conversationId, phoneNumberId, customerPhone, remembered);
    }

    private List<CompiledType> compile(MappingSet mappings) {
        Compiled c = compiled;
        if (c == null || c.set() != mappings) {
            PhraseIndex phrases = new PhraseIndex();
            List<RecordTypeMapping> types = List.copyOf(mappings.types().values());
            c = new Compiled(
                    mappings,
                    java.util.stream.IntStream.range(0, types.size())
                            .mapToObj(i -> new CompiledType(types.get(i), phrases, i, types.size()))
                            .toList());
            compiled = c;
        }
        return c.types();
    }
}
