package io.chatbridge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.extract.internal.ExtractionEngine;
import io.chatbridge.extract.internal.WindowedSession;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An import asks a {@link WindowedSession} for the drafts after every message; it keeps its reader and
 * the drafts it wrote between messages, and must answer exactly what reading the 48-hour window afresh
 * answers (what the webhook path does). Checked after every message of conversations built to hit the
 * edges of what it keeps: a record continued after 47 hours, corrections, a cancellation, a name given
 * for one record that another record borrows, a date the business offered, records whose first message
 * leaves the window, and the whole labelled corpus run as long chats.
 */
class MessageByMessageTests {

    private static final Duration WINDOW = Duration.ofHours(48);

    private static MappingSet mappings;

    @BeforeAll
    static void load() {
        mappings = new MappingLoader(n -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();
    }

    @Test
    void aBookingContinuedAfter47HoursCorrectedCancelledAndNamedForAnotherRecordGivesTheFreshReadsDrafts() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I'd like to book a table for 4 on Saturday at 7pm")
                .business("10:01", "Lovely! Under which name?")
                .customer("10:03", "I also want to order 2 sourdough loaves for pickup tomorrow")
                .customer("10:05", "name is Ana Souza")
                .nextDay()
                .customer("09:00", "sorry, make it 6 not 4")
                .business("09:30", "We have Sunday at 11 or 3 for the cake tasting")
                .customer("09:31", "3 please")
                .nextDay()
                .customer("09:59", "can we make it 8pm instead?")
                .customer("10:30", "please cancel my booking")
                .nextDay()
                .customer("12:00", "Hi, a table for 2 tomorrow at 1pm please")
                .customer("12:05", "and 3 croissants too")
                .plusDays(2)
                .customer("11:00", "hello again, book a table for 5 on Friday at 8pm, name is Tom")
                .customer("11:02", "actually make it 7 not 5");

        assertThat(compareInLondon(chat)).isEmpty();
    }

    /**
     * An order line first goes to an older order that had none; when that order's first message leaves
     * the window, a fresh read gives the line to the newer order, whose values stay the same and only its
     * lines change.
     */
    @Test
    void anOrderLineTakenByAnOrderThatLeavesTheWindowGoesToTheNewerOrderAsInAFreshRead() {
        Chat chat = Chat.london()
                .customer("10:00", "I want to place an order for pickup on Saturday")
                .business("10:01", "Sure, what would you like?")
                .nextDay()
                .customer("09:00", "Can I also place another order: 3 baguettes for Sunday")
                .customer("09:30", "2 croissants please")
                .nextDay()
                .customer("10:30", "thanks!")
                .customer("11:00", "see you then");

        assertThat(compareInLondon(chat)).isEmpty();
    }

    /**
     * Every conversation of the corpus, run as one long chat per business, a few hours apart: windows then
     * hold several records, and records leave the window while others are still read.
     */
    @Test
    void theLabelledCorpusRunAsLongChatsGivesTheFreshReadsDraftsAfterEveryMessage() throws IOException {
        List<ExtractionCorpusTests.Labelled> corpus = ExtractionCorpusTests.load();
        List<String> differences = new ArrayList<>();
        int drafts = 0;
        for (String business : ExtractionCorpusTests.BUSINESSES.keySet()) {
            for (Duration gap : List.of(Duration.ofHours(5), Duration.ofHours(30))) {
                ConversationWindow chat = longChat(corpus, business, gap);
                if (!chat.messages().isEmpty()) {
                    differences.addAll(compare(
                            chat, ExtractionCorpusTests.BUSINESSES.get(business).profile()));
                    drafts += chat.messages().size();
                }
            }
        }

        assertThat(drafts).isGreaterThan(600);
        assertThat(differences).isEmpty();
    }

    /** The corpus conversations of one business, one after another, each starting {@code gap} after the last. */
    private static ConversationWindow longChat(
            List<ExtractionCorpusTests.Labelled> corpus, String business, Duration gap) {
        List<ChatMessage> messages = new ArrayList<>();
        Instant next = Instant.parse("2026-11-20T00:00:00Z");
        for (ExtractionCorpusTests.Labelled c : corpus) {
            if (c.business() != ExtractionCorpusTests.BUSINESSES.get(business)) {
                continue;
            }
            Duration shift = Duration.between(c.window().messages().get(0).timestamp(), next);
            for (ChatMessage m : c.window().messages()) {
                messages.add(new ChatMessage(
                        m.messageId(),
                        m.fromBusiness(),
                        m.authorName(),
                        m.timestamp().plus(shift),
                        m.type(),
                        m.text()));
            }
            next = messages.get(messages.size() - 1).timestamp().plus(gap);
        }
        return new ConversationWindow(
                "long-" + business,
                "corpus",
                ExtractionCorpusTests.BUSINESSES.get(business).customerPhone(),
                messages);
    }

    private static List<String> compareInLondon(Chat chat) {
        return compare(
                chat.window(), ExtractionCorpusTests.BUSINESSES.get("london").profile());
    }

    /** The session's drafts after each message against a fresh read of that message's window. */
    private static List<String> compare(ConversationWindow chat, BusinessProfile business) {
        List<ChatMessage> messages = chat.messages();
        WindowedSession session = new ExtractionEngine()
                .session(mappings, business, chat.conversationId(), chat.phoneNumberId(), chat.customerPhone(), false);
        ExtractionEngine fresh = new ExtractionEngine();
        List<String> differences = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < messages.size(); i++) {
            Instant since = messages.get(i).timestamp().minus(WINDOW);
            while (messages.get(from).timestamp().isBefore(since)) {
                from++;
            }
            List<RecordDraft> kept = session.drafts(messages, from, i + 1);
            List<RecordDraft> read = fresh.extract(
                    mappings,
                    new ConversationWindow(
                            chat.conversationId(),
                            chat.phoneNumberId(),
                            chat.customerPhone(),
                            messages.subList(from, i + 1)),
                    business);
            if (!kept.equals(read)) {
                differences.add(messages.get(i).messageId() + ": " + kept + " != " + read);
            }
        }
        return differences;
    }
}
