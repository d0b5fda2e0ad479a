package io.chatbridge.mapping;

import java.util.List;
import java.util.Map;

/**
 * How a message is recognised as contributing to a record type.
 *
 * @param keywords words or phrases per language that say "this is about a booking"; matched on whole
 *     words, case- and accent-insensitively
 * @param patterns regular expressions that count as a keyword hit
 * @param exclude phrases per language that veto the type for a message (an enquiry such as
 *     "do you do", "how much")
 */
public record MatchRules(Map<String, List<String>> keywords, List<String> patterns, Map<String, List<String>> exclude) {

    public MatchRules {
        keywords = Map.copyOf(keywords);
        patterns = List.copyOf(patterns);
        exclude = Map.copyOf(exclude);
    }
}
