package io.chatbridge.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chatbridge.importer.ImportedConversations;
import io.chatbridge.mapping.MappingCatalog;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.record.DraftBatchReplay;
import io.chatbridge.record.RecordService.CausedDraft;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU of an import's extraction phase without a database: a generated export read and placed in
 * conversations as the importer does, then each conversation extracted message by message over the 48-hour
 * window exactly as {@code ConversationExtraction.messageByMessage} does, and its drafts applied in memory
 * as {@code RecordService.applyDrafts} does before it writes ({@link DraftBatchReplay}). Timed by the
 * thread's CPU time; every round prints a digest of every draft produced (type, anchor, key, values with
 * order lines, sources, confidence, missing, in order) and of the batch's changes, so any change of output
 * shows. See bench/README.md.
 *
 * <p>{@code java -cp … io.chatbridge.extract.ImportExtractionBenchmark target/bench/export-100k.txt [rounds]}
 */
public final class ImportExtractionBenchmark {

    private static final Duration WINDOW = Duration.ofHours(48);
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private ImportExtractionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bench/export-100k.txt");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        MappingSet mappings = new MappingLoader(n -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();
        Map<String, List<ChatMessage>> conversations =
                ImportedConversations.read(file, "Bella Pizza", "+44 20 7946 0000", ZONE);
        conversations.values().forEach(c -> c.sort(Comparator.comparing(ChatMessage::timestamp)));
        long messages = conversations.values().stream().mapToLong(List::size).sum();
        System.out.printf(Locale.ROOT, "%s: %,d conversations, %,d messages%n", file, conversations.size(), messages);
        Extractor extractor = new RuleBasedExtractor(() -> mappings);
        MappingCatalog catalog = new MappingCatalog(() -> mappings);
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> extraction = new ArrayList<>();
        List<Double> applying = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            Map<String, List<CausedDraft>> drafts = new HashMap<>();
            conversations.forEach((id, chat) -> drafts.put(id, messageByMessage(extractor, id, chat)));
            long extracted = threads.getCurrentThreadCpuTime();
            List<DraftBatchReplay> batches = new ArrayList<>();
            conversations.forEach(
                    (id, chat) -> batches.add(DraftBatchReplay.apply(json, catalog, drafts.get(id), texts(chat))));
            long applied = threads.getCurrentThreadCpuTime();
            extraction.add((extracted - cpu) / 1e9);
            applying.add((applied - extracted) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: extraction %.2f s CPU, applying %.2f s CPU; %,d drafts, digest %s; %,d changes, digest %016x%n",
                    round,
                    extraction.get(round - 1),
                    applying.get(round - 1),
                    drafts.values().stream().mapToLong(List::size).sum(),
                    digest(conversations, drafts),
                    batches.stream().mapToLong(DraftBatchReplay::changes).sum(),
                    batches.stream().mapToLong(DraftBatchReplay::checksum).reduce(17, (a, b) -> 31 * a + b));
        }
        System.out.printf(
                Locale.ROOT,
                "median of the last %d rounds: extraction %.2f s CPU, applying %.2f s CPU; best round %.2f s, %.2f s%n",
                (rounds + 1) / 2,
                steadyMedian(extraction),
                steadyMedian(applying),
                extraction.stream().mapToDouble(d -> d).min().orElseThrow(),
                applying.stream().mapToDouble(d -> d).min().orElseThrow());
    }

    /** The first rounds pay for the JIT's compilations: the median of the later half is the number to compare. */
    private static double steadyMedian(List<Double> rounds) {
        List<Double> later = rounds.subList(rounds.size() / 2, rounds.size()).stream()
                .sorted()
                .toList();
        return later.get(later.size() / 2);
    }

    /** What {@code ConversationExtraction.messageByMessage} does for a slice whose messages are all fresh. */
    private static List<CausedDraft> messageByMessage(
            Extractor extractor, String conversationId, List<ChatMessage> chat) {
        String customer = conversationId.substring(conversationId.indexOf(':') + 1);
        String customerPhone =
                !customer.isEmpty() && customer.chars().allMatch(Character::isDigit) ? "+" + customer : null;
        Extractor.MessageByMessage reader = extractor.messageByMessage(
                conversationId, conversationId.substring(0, conversationId.indexOf(':')), customerPhone);
        List<CausedDraft> drafts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < chat.size(); i++) {
            ChatMessage message = chat.get(i);
            Instant since = message.timestamp().minus(WINDOW);
            while (chat.get(start).timestamp().isBefore(since)) {
                start++;
            }
            for (RecordDraft draft : reader.drafts(chat, start, i + 1)) {
                drafts.add(new CausedDraft(draft, message.messageId()));
            }
        }
        return drafts;
    }

    private static Map<String, String> texts(List<ChatMessage> chat) {
        Map<String, String> texts = new HashMap<>(chat.size() * 2);
        chat.forEach(m -> texts.put(m.messageId(), m.text()));
        return texts;
    }

    /** SHA-256 over every draft in order, with its cause; each distinct draft instance rendered once. */
    private static String digest(Map<String, List<ChatMessage>> conversations, Map<String, List<CausedDraft>> drafts)
            throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Map<RecordDraft, byte[]> rendered = new IdentityHashMap<>();
        for (String id : conversations.keySet()) {
            sha.update(id.getBytes(StandardCharsets.UTF_8));
            for (CausedDraft d : drafts.get(id)) {
                sha.update(rendered.computeIfAbsent(d.draft(), ImportExtractionBenchmark::render));
                sha.update(d.cause().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    private static byte[] render(RecordDraft draft) {
        String text = String.join(
                "\u0001",
                draft.type(),
                draft.anchorMessageId(),
                String.valueOf(draft.businessKey()),
                String.valueOf(sorted(draft.fields())),
                String.valueOf(sorted(draft.sources())),
                String.valueOf(sorted(draft.confidence())),
                String.valueOf(draft.missing()));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Maps in key order, at any depth (a draft's maps have no fixed iteration order). */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> byKey = new TreeMap<>();
            map.forEach((k, v) -> byKey.put(String.valueOf(k), sorted(v)));
            return byKey;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ImportExtractionBenchmark::sorted).toList();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
