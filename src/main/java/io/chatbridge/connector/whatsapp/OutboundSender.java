package io.chatbridge.connector.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.common.Pii;
import io.chatbridge.conversation.ConversationQueries;
import io.chatbridge.conversation.SentMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued outbound messages: claim a batch under a lease, choose text or template by the 24-hour
 * window, respect the throttle, call the API, then record the outcome. Called by the
 * {@code send-whatsapp} route.
 *
 * <p>Outcomes: accepted (and a {@code message} row with the wamid); window closed (131047) → the same
 * message as its template, at once; rate limits → back off (4^X s for the pair limit, as Meta
 * suggests) without losing the message; anything a retry cannot fix → {@code dead}, for an admin.
 * A sender that crashes after the API accepted a message is recognised by the status WhatsApp echoes
 * with our key ({@code biz_opaque_callback_data}), so the message is not sent again.
 */
@Component("whatsAppSender")
public class OutboundSender {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final int MAX_ROUNDS = 20;
    private static final Duration ECHO_POLL = Duration.ofSeconds(5);

    private final OutboundRepository repository;
    private final WhatsAppClient client;
    private final WhatsAppSendProperties properties;
    private final ConversationQueries conversations;
    private final SentMessages sentMessages;
    private final List<SendGuard> guards;
    private final SendThrottle throttle;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectMapper json;

    OutboundSender(
            OutboundRepository repository,
            WhatsAppClient client,
            WhatsAppSendProperties properties,
            ConversationQueries conversations,
            SentMessages sentMessages,
            List<SendGuard> guards,
            TransactionTemplate transaction,
            Clock clock,
            ObjectMapper json) {
        this.repository = repository;
        this.client = client;
        this.properties = properties;
        this.conversations = conversations;
        this.sentMessages = sentMessages;
        this.guards = guards;
        this.throttle =
                new SendThrottle(properties.messagesPerSecond(), properties.pairInterval(), properties.pairBurst());
        this.transaction = transaction;
        this.clock = clock;
        this.json = json;
    }

    /** Sends until nothing is due (or a round limit); returns how many messages were handled. */
    public int drain() {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String claimant = UUID.randomUUID().toString();
            Instant now = clock.instant();
            List<ClaimedMessage> claimed = transaction.execute(
                    s -> repository.claim(properties.batchSize(), now, now.plus(properties.lease()), claimant));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            claimed.forEach(m -> handle(m, claimant));
            total += claimed.size();
            if (claimed.size() < properties.batchSize()) {
                break;
            }
        }
        return total;
    }

    private void handle(ClaimedMessage m, String claimant) {
        try {
            if (m.uncertain() && (recoveredFromStatus(m, claimant) || waitForEcho(m, claimant))) {
                return;
            }
            Optional<String> skip = skipReason(m);
            if (skip.isPresent()) {
                repository.markFinal(m.id(), claimant, "skipped", null, skip.get(), null, clock.instant());
                return;
            }
            send(m, claimant);
        } catch (RuntimeException e) {
            log.error("Outbound message {} failed unexpectedly; it will be retried", m.id(), e);
            retry(m, claimant, e.toString(), null, null);
        }
    }

    private void send(ClaimedMessage m, String claimant) {
        Instant now = clock.instant();
        boolean useText = m.body() != null && windowOpen(m, now);
        if (!useText && m.template() == null) {
            repository.markFinal(
                    m.id(),
                    claimant,
                    "dead",
                    null,
                    "outside the 24-hour window and no template is mapped for it",
                    WhatsAppSendException.REENGAGEMENT,
                    now);
            return;
        }
        String sentAs = useText ? "text" : "template";
        if (!properties.sendingEnabled()) {
            repository.markFinal(
                    m.id(),
                    claimant,
                    "not_sent",
                    sentAs,
                    "sending is off: chatbridge.whatsapp.access-token is not set",
                    null,
                    now);
            return;
        }
        Duration wait = throttle.reserve(m.phoneNumberId(), m.recipient(), now);
        if (!wait.isZero()) {
            repository.markRetry(m.id(), claimant, null, null, now.plus(wait), false, now);
            return;
        }
        try {
            TemplateMessage template = useText ? null : template(m);
            String wamid = useText
                    ? client.sendText(m.phoneNumberId(), m.recipient(), m.body(), m.idempotencyKey())
                    : client.sendTemplate(m.phoneNumberId(), m.recipient(), template, m.idempotencyKey());
            accepted(m, claimant, wamid, sentAs, useText ? m.body() : describe(template));
        } catch (WhatsAppSendException e) {
            refused(m, claimant, useText, e);
        }
    }

    /** WhatsApp took the message: the row becomes accepted and the text joins the conversation. */
    void accepted(ClaimedMessage m, String claimant, String wamid, String sentAs, String text) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(s -> {
            // the conversation first, then the outbound row: the order the normaliser and extraction
            // take them in (they lock the conversation, then queue replies), so the two never deadlock
            sentMessages.record(
                    m.phoneNumberId(),
                    m.recipient().replace("+", ""),
                    wamid,
                    m.purpose(),
                    sentAs,
                    text,
                    payload(sentAs, text),
                    now);
            repository.markAccepted(m.id(), claimant, wamid, sentAs, now);
        });
        log.info("Sent {} {} to {} as {}", m.purpose(), m.id(), Pii.maskPhone(m.recipient()), sentAs);
    }

    private void refused(ClaimedMessage m, String claimant, boolean wasText, WhatsAppSendException e) {
        Instant now = clock.instant();
        if (e.code() == WhatsAppSendException.REENGAGEMENT && wasText && m.template() != null) {
            repository.switchToTemplate(m.id(), claimant, e.getMessage(), now);
            return;
        }
        if (e.retryable() && m.attempts() + 1 < properties.maxAttempts()) {
            retry(
                    m,
                    claimant,
                    e.getMessage(),
                    e.code(),
                    e.code() == WhatsAppSendException.PAIR_RATE ? pairBackoff(m.attempts()) : e.retryAfter());
            return;
        }
        repository.markFinal(m.id(), claimant, "dead", null, e.getMessage(), e.code(), now);
        log.warn("Outbound message {} ({}) is dead: {}", m.id(), m.purpose(), e.getMessage());
    }

    private void retry(ClaimedMessage m, String claimant, String error, Integer code, Duration atLeast) {
        Instant now = clock.instant();
        Duration delay = backoff(m.attempts() + 1, atLeast);
        repository.markRetry(m.id(), claimant, error, code, now.plus(delay), true, now);
    }

    /** Meta's advice for the pair limit: wait 4^X seconds, X the number of tries so far. */
    static Duration pairBackoff(int attempts) {
        return Duration.ofSeconds((long) Math.pow(4, Math.min(attempts, 6)));
    }

    private Duration backoff(int attempts, Duration atLeast) {
        long cap = properties.maxBackoff().toMillis();
        long exponential =
                Math.min(cap, properties.baseBackoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 30));
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(atLeast == null ? delay : Math.max(delay, atLeast.toMillis()));
    }

    /**
     * A message whose sender crashed during the call, with no echo of it yet: it waits
     * {@code crash-status-wait} for WhatsApp's status (which may have been sent while we were down, and
     * is then retried by Meta), and beyond that while webhooks that had arrived when that wait ended are
     * still unread, up to {@code crash-max-wait}. Sending at once, as before, put the same confirmation
     * on the customer's phone twice whenever the crash came after WhatsApp had accepted it.
     *
     * @return true when it was put back to wait
     */
    private boolean waitForEcho(ClaimedMessage m, String claimant) {
        Instant now = clock.instant();
        Instant since = m.uncertainSince() != null ? m.uncertainSince() : now;
        Instant statusDue = since.plus(properties.crashStatusWait());
        Instant next;
        if (now.isBefore(statusDue)) {
            next = statusDue;
        } else if (now.isBefore(statusDue.plus(properties.crashMaxWait()))
                && repository.webhooksUnreadFromBefore(m.id())) {
            next = now.plus(ECHO_POLL);
        } else {
            return false;
        }
        repository.markUncertain(
                m.id(),
                claimant,
                since,
                next,
                "its sender stopped during the call: waiting for WhatsApp's status",
                now);
        if (m.uncertainSince() == null) {
            log.info("Outbound message {} may have been sent before a crash; waiting for its status", m.id());
        }
        return true;
    }

    private boolean recoveredFromStatus(ClaimedMessage m, String claimant) {
        Optional<String> wamid = repository.wamidFromStatuses(m.idempotencyKey());
        wamid.ifPresent(id -> {
            repository.markAccepted(m.id(), claimant, id, null, clock.instant());
            log.info("Outbound message {} was accepted before a crash; not sending it again", m.id());
        });
        return wamid.isPresent();
    }

    private Optional<String> skipReason(ClaimedMessage m) {
        return guards.stream()
                .map(g -> g.skipReason(m.purpose(), m.recordId(), m.detail()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private boolean windowOpen(ClaimedMessage m, Instant now) {
        String conversation = m.conversationId() != null
                ? m.conversationId()
                : m.phoneNumberId() + ":" + m.recipient().replace("+", "");
        return conversations
                .lastCustomerMessageAt(conversation)
                .map(last -> last.plus(WINDOW).isAfter(now))
                .orElse(false);
    }

    private TemplateMessage template(ClaimedMessage m) {
        return json.convertValue(m.template(), TemplateMessage.class);
    }

    private static String describe(TemplateMessage t) {
        return "[template " + t.name() + "] " + String.join(" | ", t.parameters());
    }

    private String payload(String sentAs, String text) {
        return json.createObjectNode().put("type", sentAs).put("text", text).toString();
    }
}
