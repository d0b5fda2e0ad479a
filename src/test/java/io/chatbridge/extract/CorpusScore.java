package io.chatbridge.extract;

import io.chatbridge.extract.ExtractionCorpusTests.Expected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts true and false positives per field and per record, and prints them as a table. */
final class CorpusScore {

    private final Map<String, int[]> perField = new TreeMap<>(); // tp, fp, fn
    private int recordTp;
    private int recordFp;
    private int recordFn;
    private int exactRecords;
    private final List<String> mismatches = new ArrayList<>();

    void add(String conversation, List<Expected> expected, List<RecordDraft> actual) {
        List<RecordDraft> unmatched = new ArrayList<>(actual);
        for (Expected e : expected) {
            RecordDraft best = null;
            int bestAgree = -1;
            for (RecordDraft a : unmatched) {
                int agree = a.type().equals(e.type()) ? agreements(e.fields(), render(a)) : -1;
                if (a.type().equals(e.type()) && agree > bestAgree) {
                    best = a;
                    bestAgree = agree;
                }
            }
            if (best == null) {
                recordFn++;
                e.fields().forEach((f, v) -> count(e.type() + "." + f, 2));
                mismatches.add(conversation + ": missed " + e.type() + " " + e.fields());
                continue;
            }
            unmatched.remove(best);
            recordTp++;
            compare(conversation, e, render(best));
        }
        for (RecordDraft a : unmatched) {
            recordFp++;
            render(a).forEach((f, v) -> count(a.type() + "." + f, 1));
            mismatches.add(conversation + ": extra " + a.type() + " " + render(a));
        }
    }

    private void compare(String conversation, Expected e, Map<String, String> actual) {
        boolean exact = true;
        for (String field : union(e.fields(), actual)) {
            String want = e.fields().get(field);
            String got = actual.get(field);
            String key = e.type() + "." + field;
            if (want != null && want.equalsIgnoreCase(got)) {
                count(key, 0);
                continue;
            }
            exact = false;
            if (got != null) {
                count(key, 1);
            }
            if (want != null) {
                count(key, 2);
            }
            mismatches.add(conversation + ": " + key + " want " + want + " got " + got);
        }
        exactRecords += exact ? 1 : 0;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return List.copyOf(keys);
    }

    private static int agreements(Map<String, String> want, Map<String, String> got) {
        int n = 0;
        for (var e : want.entrySet()) {
            n += e.getValue().equalsIgnoreCase(got.get(e.getKey())) ? 1 : 0;
        }
        return n;
    }

    private void count(String field, int which) {
        perField.computeIfAbsent(field, k -> new int[3])[which]++;
    }

    /** Field values as text, order lines as "2 chocolate cake; 12 cupcake" sorted. */
    @SuppressWarnings("unchecked")
    static Map<String, String> render(RecordDraft draft) {
        Map<String, String> out = new TreeMap<>();
        draft.fields().forEach((k, v) -> {
            if (v instanceof List<?> list) {
                List<String> lines = new ArrayList<>();
                for (Object o : list) {
                    Map<String, Object> line = (Map<String, Object>) o;
                    lines.add(line.get("quantity") + " " + line.get("name"));
                }
                out.put(k, joinSorted(lines));
            } else {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    static String itemsFromLabel(List<String> labels) {
        return joinSorted(labels);
    }

    private static String joinSorted(List<String> lines) {
        return String.join("; ", lines.stream().map(String::strip).sorted().toList());
    }

    double fieldF1() {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int[] c : perField.values()) {
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        return f1(tp, fp, fn);
    }

    double recordF1() {
        return f1(recordTp, recordFp, recordFn);
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                "%-28s %5s %5s %5s %9s %7s %6s%n", "field", "tp", "fp", "fn", "precision", "recall", "F1"));
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (var e : perField.entrySet()) {
            int[] c = e.getValue();
            t.append(row(e.getKey(), c[0], c[1], c[2]));
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        t.append(row("ALL FIELDS", tp, fp, fn));
        t.append(row("RECORDS (type matched)", recordTp, recordFp, recordFn));
        t.append(String.format(
                "records with every field right: %d of %d expected%n", exactRecords, recordTp + recordFn));
        return t.toString();
    }

    String mismatches() {
        return "Mismatches:\n  " + String.join("\n  ", mismatches);
    }

    private static String row(String name, int tp, int fp, int fn) {
        return String.format(
                "%-28s %5d %5d %5d %9.3f %7.3f %6.3f%n",
                name, tp, fp, fn, ratio(tp, tp + fp), ratio(tp, tp + fn), f1(tp, fp, fn));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    private static double f1(int tp, int fp, int fn) {
        double p = ratio(tp, tp + fp);
        double r = ratio(tp, tp + fn);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
