package io.chatbridge.extract;

import io.chatbridge.extract.internal.ExtractionEngine;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The default extractor: keyword and pattern rules from the mappings, the normalisers for dates, times,
 * amounts, quantities, phones and references, and slot filling across the conversation. Reads the
 * mapping set on every call, so a reload takes effect at the next message; no I/O, no network.
 */
public final class RuleBasedExtractor implements Extractor {

    private final Supplier<MappingSet> mappings;
    private final ExtractionEngine engine = new ExtractionEngine();

    public RuleBasedExtractor(Supplier<MappingSet> mappings) {
        this.mappings = mappings;
    }

    /** Uses the business settings of the number the customer wrote to ({@code business.yaml}). */
    @Override
    public List<RecordDraft> extract(ConversationWindow window) {
        MappingSet set = mappings.get();
        return engine.extract(set, window, set.business(window.phoneNumberId()));
    }

    /** Keeps the reader between windows; see {@link io.chatbridge.extract.internal.WindowedSession}. */
    @Override
    public MessageByMessage messageByMessage(
            String conversationId, String phoneNumberId, String customerPhone, boolean live) {
        MappingSet set = mappings.get();
        return engine.session(set, set.business(phoneNumberId), conversationId, phoneNumberId, customerPhone, live)
                ::drafts;
    }

    /** Uses the given business settings, for tools that bring their own (the {@code extract} command). */
    public List<RecordDraft> extract(ConversationWindow window, BusinessProfile business) {
        return engine.extract(mappings.get(), window, business);
    }
}
