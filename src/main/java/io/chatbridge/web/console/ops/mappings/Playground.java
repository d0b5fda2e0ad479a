package io.chatbridge.web.console.ops.mappings;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.FieldSource;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.extract.RuleBasedExtractor;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Shows what a mapping would make of a conversation before anyone saves it: the same rule-based
 * extractor the pipeline runs, over pasted lines or a stored conversation, with the saved mappings
 * or the unsaved text in the editor. Pure reads: nothing is written, no record, change or delivery.
 */
@Service
class Playground {

    private final MappingRegistry registry;
    private final MappingFiles files;
    private final StoredConversations conversations;
    private final Clock clock;

    Playground(MappingRegistry registry, MappingFiles files, StoredConversations conversations, Clock clock) {
        this.registry = registry;
        this.files = files;
        this.conversations = conversations;
        this.clock = clock;
    }

    Outcome run(Request request) {
        MappingSet set;
        if (request.useEditorText()) {
            MappingLoader.Result checked = files.check(request.file(), request.editorText());
            if (!checked.valid()) {
                return Outcome.failed("The text in the editor has problems; fix them to try it.", checked.problems());
            }
            set = checked.mappings().orElseThrow();
        } else {
            set = registry.current();
        }
        Optional<ConversationWindow> window = window(request, set);
        if (window.isEmpty()) {
            return Outcome.failed("No conversation with id or number " + request.conversation() + ".", List.of());
        }
        if (window.get().messages().isEmpty()) {
            return Outcome.failed("No messages to read: paste some lines or pick a conversation.", List.of());
        }
        List<RecordDraft> drafts = new RuleBasedExtractor(() -> set)
                .extract(window.get(), set.business(window.get().phoneNumberId()));
        return new Outcome(null, List.of(), window.get().messages(), views(window.get(), drafts, set));
    }

    private Optional<ConversationWindow> window(Request request, MappingSet set) {
        if (request.fromConversation()) {
            return conversations.find(request.conversation());
        }
        String text = request.text() == null ? "" : request.text();
        return Optional.of(
                PastedConversation.read(text, request.businessAuthor(), set.business(null), clock.instant()));
    }

    private static List<DraftView> views(ConversationWindow window, List<RecordDraft> drafts, MappingSet set) {
        Map<String, ChatMessage> byId = window.messages().stream()
                .collect(Collectors.toMap(ChatMessage::messageId, Function.identity(), (a, b) -> a));
        List<DraftView> views = new ArrayList<>();
        for (RecordDraft draft : drafts) {
            List<String> order = set.type(draft.type())
                    .map(t -> List.copyOf(t.fields().keySet()))
                    .orElse(List.copyOf(draft.fields().keySet()));
            List<FieldView> fields = new ArrayList<>();
            for (String field : order) {
                if (draft.fields().containsKey(field)) {
                    fields.add(field(field, draft, byId));
                }
            }
            views.add(new DraftView(draft.type(), draft.businessKey(), draft.complete(), draft.missing(), fields));
        }
        return views;
    }

    private static FieldView field(String field, RecordDraft draft, Map<String, ChatMessage> byId) {
        FieldSource source = draft.sources().get(field);
        ChatMessage message = source == null ? null : byId.get(source.messageId());
        String span = null;
        if (message != null
                && source.start() >= 0
                && source.end() <= message.text().length()
                && source.start() < source.end()) {
            span = message.text().substring(source.start(), source.end());
        }
        return new FieldView(
                field,
                String.valueOf(draft.fields().get(field)),
                draft.confidence().get(field),
                source == null ? null : source.messageId(),
                message == null ? null : message.authorName(),
                span);
    }

    /**
     * @param fromConversation read a stored conversation ({@code conversation}) instead of {@code text}
     * @param useEditorText run with {@code editorText} as {@code file} instead of the saved mappings
     */
    record Request(
            boolean fromConversation,
            String text,
            String businessAuthor,
            String conversation,
            boolean useEditorText,
            String file,
            String editorText) {}

    /** @param error why nothing ran, or null */
    record Outcome(String error, List<MappingProblem> problems, List<ChatMessage> messages, List<DraftView> drafts) {

        static Outcome failed(String error, List<MappingProblem> problems) {
            return new Outcome(error, problems, List.of(), List.of());
        }
    }

    record DraftView(String type, String businessKey, boolean complete, List<String> missing, List<FieldView> fields) {}

    /** @param span the words of the message the value was read from, or null when it came from elsewhere */
    record FieldView(String field, String value, Double confidence, String messageId, String author, String span) {}
}
