package io.chatbridge.web.console.search;

import io.chatbridge.support.TestDatabase;
import io.chatbridge.web.console.customer.CustomerQueries;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Console search on 100,000 records, 20,000 customers and 300,000 messages (embedded PostgreSQL 17
 * with the real migrations, so the V71 trigger fills the search columns as production does). Each
 * kind of search runs warm, as the search page runs it (records and matching customers), and is
 * timed p50/p95/max; then V71's indexes are dropped and the same searches run again in the same
 * process: the baseline the ratios are quoted against. See bench/README.md.
 *
 * <p>Run: {@code java -cp … io.chatbridge.web.console.search.SearchBenchmark [records] [rounds]}
 */
public final class SearchBenchmark {

    static final String[] FIRST = {
        "Ana", "Maria", "Joao", "Lucia", "Pedro", "Sofia", "Marta", "Ravi", "Chen", "Fatima", "Tom", "Emma",
        "Lucas", "Julia", "Omar", "Aisha", "Carlos", "Elena", "Yuki", "Noah", "Olivia", "Liam", "Mia", "Hugo",
        "Ines", "Diego", "Sara", "Ivan", "Nina", "Paulo", "Rosa", "Teresa", "Bruno", "Clara", "David", "Eva",
        "Felipe", "Grace", "Hannah", "Igor"
    };
    static final String[] LAST = {
        "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Rodrigues", "Almeida", "Nascimento",
        "Quintero", "Fernandes", "Gomes", "Martins", "Rocha", "Ribeiro", "Carvalho", "Teixeira", "Moreira", "Barbosa",
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright",
        "Garcia", "Lopez", "Martinez", "Sanchez", "Perez", "Gonzalez", "Romero", "Navarro", "Torres", "Ramos",
        "Shankar", "Nakamura", "Kowalski", "Novak", "Horvat", "Jensen", "Larsen", "Murphy", "Kelly", "Byrne"
    };
    static final String[] ITEMS = {"table", "wedding cake", "dj package", "private room", "margherita", "lasagne"};
    static final String[] WORDS = {
        "birthday",
        "anniversary",
        "allergy",
        "gluten",
        "vegan",
        "terrace",
        "window",
        "quiet",
        "highchair",
        "balloons",
        "candles",
        "parking",
        "wheelchair",
        "champagne",
        "surprise",
        "graduation",
        "christening",
        "farewell"
    };
    static final String[] INDEXES = {
        "record_search_doc",
        "record_search_name",
        "record_fields_phone",
        "record_fields_tags",
        "record_updated",
        "record_status_updated",
        "record_conversation",
        "conversation_customer",
        "conversation_customer_name"
    };

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int customers = records / 5;
        try (TestDatabase db = new TestDatabase()) {
            JdbcClient jdbc = db.jdbc;
            long start = System.nanoTime();
            fill(jdbc, customers, records);
            System.out.printf(
                    "data: %,d records, %,d customers, %,d messages; filled in %.1f s (the V71 trigger included)%n",
                    count(jdbc, "record"),
                    count(jdbc, "conversation"),
                    count(jdbc, "message"),
                    (System.nanoTime() - start) / 1e9);
            Map<String, IntFunction<SearchFilters>> kinds = kinds(customers);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
            RecordSearch search = new RecordSearch(jdbc, transactions, 50);
            CustomerQueries customerQueries = new CustomerQueries(jdbc, transactions);
            Map<String, long[]> indexed = run("indexed (V71)", kinds, search, customerQueries, rounds);
            for (String index : INDEXES) {
                jdbc.sql("drop index " + index).update();
            }
            jdbc.sql("analyze").update();
            Map<String, long[]> baseline =
                    run("baseline (V71 indexes dropped)", kinds, search, customerQueries, rounds);
            System.out.println();
            System.out.printf("%-22s %12s %12s %8s%n", "kind", "indexed p50", "baseline p50", "ratio");
            for (String kind : kinds.keySet()) {
                long a = percentile(indexed.get(kind), 50);
                long b = percentile(baseline.get(kind), 50);
                System.out.printf(
                        "%-22s %9.1f ms %9.1f ms %7.0f×%n", kind, a / 1e6, b / 1e6, (double) b / Math.max(a, 1));
            }
        }
    }

    /** Customers, conversations, messages and records with set-based SQL (generate_series), not row by row. */
    static void fill(JdbcClient jdbc, int customers, int records) {
        jdbc.sql("select setseed(0.42)").query().singleRow();
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id, customer_name, last_message_at)
                        select '106540352242922:' || (447700000000 + g), 'whatsapp', '106540352242922',
                               (447700000000 + g)::text, (string_to_array(:first, ','))[1 + g % 40] || ' ' || (string_to_array(:last, ','))[1 + (g / 40) % 50],
                               now() - (g % 365) * interval '1 day'
                        from generate_series(1, :n) g""")
                .param("first", String.join(",", FIRST))
                .param("last", String.join(",", LAST))
                .param("n", customers)
                .update();
        jdbc.sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, sender_name, type, text,
                                             sent_at, payload)
                        select 'whatsapp', 'wamid.' || g, '106540352242922:' || (447700000000 + 1 + g % :customers),
                               case when g % 3 = 0 then 'out' else 'in' end, null, 'text',
                               case g % 5
                                 when 0 then 'Hi, I would like to book a ' || (string_to_array(:items, ','))[1 + g % 6] || ' for '
                                             || (2 + g % 9) || ' people on ' || to_char(date '2026-01-01' + g % 300, 'YYYY-MM-DD')
                                 when 1 then 'we will be ' || (2 + g % 9) || ' and it is a ' || (string_to_array(:words, ','))[1 + g % 18]
                                 when 2 then 'Thanks! See you then, ' || (string_to_array(:words, ','))[1 + (g / 7) % 18]
                                 when 3 then 'Can we have the ' || (string_to_array(:words, ','))[1 + (g / 3) % 18] || ' please'
                                 else 'Order: 2 x ' || (string_to_array(:items, ','))[1 + g % 6] || ', 1 x ' || (string_to_array(:words, ','))[1 + g % 18] end,
                               now() - (g % 365) * interval '1 day', '{}'::jsonb
                        from generate_series(1, :messages) g""")
                .param("customers", customers)
                .param("items", String.join(",", ITEMS))
                .param("words", String.join(",", WORDS))
                .param("messages", records * 3)
                .update();
        jdbc.sql(
                        """
                        insert into record (human_id, type, business_key, conversation_id, anchor_message_id, customer_phone,
                                            fields, sources, confidence, status, complete, created_at, updated_at)
                        select 'BK-' || lpad(g::text, 6, '0'), (array['booking','order','appointment','payment'])[1 + g % 4],
                               null, '106540352242922:' || (447700000000 + 1 + g % :customers), 'wamid.' || (g * 3 - 3 + 1),
                               '+' || (447700000000 + 1 + g % :customers),
                               jsonb_build_object(
                                   'customer_name', (string_to_array(:first, ','))[1 + (1 + g % :customers) % 40] || ' ' || (string_to_array(:last, ','))[1 + ((1 + g % :customers) / 40) % 50],
                                   'phone', '+' || (447700000000 + 1 + g % :customers),
                                   'event_date', to_char(date '2026-01-01' + g % 300, 'YYYY-MM-DD'),
                                   'guests', 2 + g % 9,
                                   'item', (string_to_array(:items, ','))[1 + g % 6],
                                   'notes', (string_to_array(:words, ','))[1 + g % 18])
                               || case when g % 20 = 0 then '{"tags": ["vip"]}'::jsonb else '{}'::jsonb end,
                               jsonb_build_object('guests', jsonb_build_object('messageId', 'wamid.' || (g * 3 - 3 + 1), 'start', 0, 'end', 2)),
                               '{"guests": 0.9}'::jsonb,
                               (array['new','confirmed','cancelled','paid','no_show'])[1 + g % 5], true,
                               now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day' + (g % 1440) * interval '1 minute'
                        from generate_series(1, :records) g""")
                .param("customers", customers)
                .param("first", String.join(",", FIRST))
                .param("last", String.join(",", LAST))
                .param("items", String.join(",", ITEMS))
                .param("words", String.join(",", WORDS))
                .param("records", records)
                .update();
        jdbc.sql("analyze").update();
    }

    /** The kinds of search an agent makes; round {@code i} varies the values so no two runs are the same. */
    static Map<String, IntFunction<SearchFilters>> kinds(int customers) {
        Random random = new Random(7);
        int[] picks = random.ints(1000, 1, customers).toArray();
        Map<String, IntFunction<SearchFilters>> kinds = new LinkedHashMap<>();
        kinds.put("phone (national)", i -> filters("0" + (7700000000L + picks[i % 1000]), null, null, null, null));
        kinds.put(
                "phone (wa id)", i -> filters(String.valueOf(447700000000L + picks[i % 1000]), null, null, null, null));
        kinds.put(
                "name part", i -> filters(LAST[i % LAST.length].substring(1, 4).toLowerCase(), null, null, null, null));
        kinds.put("full name", i -> filters(FIRST[i % 40] + " " + LAST[(i * 7) % 50], null, null, null, null));
        kinds.put("free text rare", i -> filters(null, null, null, null, WORDS[i % WORDS.length] + " " + ITEMS[i % 6]));
        kinds.put("free text common", i -> filters(null, null, null, null, "people"));
        kinds.put("human id", i -> filters(null, null, null, null, "BK-" + String.format("%06d", picks[i % 1000] * 4)));
        kinds.put("type+status", i -> filters(null, "booking", i % 2 == 0 ? "confirmed" : "new", null, null));
        kinds.put(
                "type+30 days",
                i -> new SearchFilters(
                        null,
                        "order",
                        null,
                        java.time.LocalDate.now().minusDays(30 + i % 200),
                        java.time.LocalDate.now().minusDays(i % 200),
                        null,
                        null,
                        1));
        kinds.put("tag", i -> new SearchFilters(null, null, null, null, null, "vip", null, 1 + i % 3));
        kinds.put("latest, page 5", i -> new SearchFilters(null, null, null, null, null, null, null, 5));
        return kinds;
    }

    private static SearchFilters filters(String customer, String type, String status, String tag, String q) {
        return new SearchFilters(customer, type, status, null, null, tag, q, 1);
    }

    static Map<String, long[]> run(
            String label,
            Map<String, IntFunction<SearchFilters>> kinds,
            RecordSearch search,
            CustomerQueries customers,
            int rounds) {
        System.out.println();
        System.out.println(
                label + ": " + rounds + " warm runs per kind (after " + Math.max(3, rounds / 5) + " warm-up runs)");
        System.out.printf("%-22s %9s %9s %9s %8s%n", "kind", "p50 ms", "p95 ms", "max ms", "rows");
        Map<String, long[]> times = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<SearchFilters>> kind : kinds.entrySet()) {
            for (int i = 0; i < Math.max(3, rounds / 5); i++) {
                once(search, customers, kind.getValue().apply(1000 - i));
            }
            long[] nanos = new long[rounds];
            long rows = 0;
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                rows += once(search, customers, kind.getValue().apply(i));
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            times.put(kind.getKey(), nanos);
            System.out.printf(
                    "%-22s %9.1f %9.1f %9.1f %8.1f%n",
                    kind.getKey(),
                    percentile(nanos, 50) / 1e6,
                    percentile(nanos, 95) / 1e6,
                    nanos[nanos.length - 1] / 1e6,
                    (double) rows / rounds);
        }
        return times;
    }

    /** What the search page does: a page of records and, for a customer filter, the matching customers. */
    private static int once(RecordSearch search, CustomerQueries customers, SearchFilters filters) {
        int rows = search.search(filters, "GB").rows().size();
        if (filters.customer() != null) {
            List<String> phones = PhoneQuery.candidates(filters.customer(), "GB");
            customers.find(phones, phones.isEmpty() ? RecordSearch.contains(filters.customer()) : null, 10);
        }
        return rows;
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private SearchBenchmark() {}
}
