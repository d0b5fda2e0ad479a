package io.chatbridge.support;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.Extractor;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.RecordTypeCatalog;
import io.chatbridge.mapping.RecordTypeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A deliberately trivial extractor and catalog for the spine's tests, so that they test the pipeline
 * and not the rule-based extractor: every customer message containing "book" starts a {@code note}
 * record anchored on it, delivered to the {@code log}, {@code count} and {@code flaky} sinks. A message
 * containing "explode" makes it throw, as a bug on an odd message would; one containing "recurse" makes
 * it recurse until the stack overflows, as a recursive reading of an odd message would; one containing
 * "exhaust" makes it throw OutOfMemoryError, standing in for a JVM that ran out of memory.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestExtraction {

    public static final RecordTypeInfo NOTE = new RecordTypeInfo(
            "note", "NT", List.of(), Map.of("status", List.of("sheets")), List.of("log", "count", "flaky"));

    @Bean
    @Primary
    Extractor testExtractor() {
        return window -> {
            List<RecordDraft> drafts = new ArrayList<>();
            for (ChatMessage message : window.messages()) {
                if (message.text().contains("explode")) {
                    throw new IllegalStateException("test extractor asked to fail");
                }
                if (message.text().contains("recurse")) {
                    deeper(message.text().length());
                }
                if (message.text().contains("exhaust")) {
                    throw new OutOfMemoryError("test extractor asked to run out of memory");
                }
                if (!message.fromBusiness() && message.text().toLowerCase().contains("book")) {
                    Map<String, Object> fields = new HashMap<>(Map.of("notes", message.text()));
                    if (window.customerPhone() != null) {
                        fields.put("phone", window.customerPhone());
                    }
                    drafts.add(
                            new RecordDraft("note", message.messageId(), null, fields, Map.of(), Map.of(), List.of()));
                }
            }
            return drafts;
        };
    }

    /** Recurses until the stack overflows (the depth is never reached). */
    private static long deeper(long depth) {
        return depth == Long.MAX_VALUE ? depth : deeper(depth + 1) + 1;
    }

    @Bean
    @Primary
    RecordTypeCatalog testCatalog() {
        return new RecordTypeCatalog() {
            @Override
            public Optional<RecordTypeInfo> find(String type) {
                return NOTE.type().equals(type) ? Optional.of(NOTE) : Optional.empty();
            }

            @Override
            public Collection<RecordTypeInfo> all() {
                return List.of(NOTE);
            }
        };
    }
}
