package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.normalize.NormalizeContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers what the normalisers found in recent messages. The pipeline re-reads the whole window each
 * time a message arrives, so without this every earlier message would be normalised again; with it a
 * new message costs one normalisation. Safe because facts depend only on the message and the business
 * settings, both part of the key. Bounded, least recently used out first.
 */
final class FactsCache {

    /** Message and settings, hashed once: the map hashes a key on every look-up and insert. */
    private static final class Key {

        private final ChatMessage message;
        private final NormalizeContext ctx;
        private final int hash;

        Key(ChatMessage message, NormalizeContext ctx) {
            this.message = message;
            this.ctx = ctx;
            this.hash = 31 * message.hashCode() + ctx.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            // the import reads one list of messages window after window: the same instances, so identity
            // settles most hits before the records' component-wise equals (a visible cost in profiles)
            return o instanceof Key k
                    && hash == k.hash
                    && (message == k.message || message.equals(k.message))
                    && (ctx == k.ctx || ctx.equals(k.ctx));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ValueFinders finders;
    private final Map<Key, MessageFacts> recent;

    FactsCache(ValueFinders finders, int capacity) {
        this.finders = finders;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MessageFacts> eldest) {
                return size() > capacity;
            }
        };
    }

    /** For a caller that keeps the facts itself (a session reads each message of its slice once). */
    MessageFacts uncached(ChatMessage message, NormalizeContext ctx) {
        return MessageFacts.of(message, ctx, finders);
    }

    MessageFacts facts(ChatMessage message, NormalizeContext ctx) {
        Key key = new Key(message, ctx);
        synchronized (recent) {
            MessageFacts known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        MessageFacts fresh = MessageFacts.of(message, ctx, finders);
        synchronized (recent) {
            recent.put(key, fresh);
        }
        return fresh;
    }
}
