package io.chatbridge.extract.normalize;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds invoice and payment references, returned exactly as written.
 *
 * <p>Decisions: the value is the reference token as the customer typed it, with an attached '#' kept
 * ("#A7731") and a short code prefix kept ("INV 2041", "inv-2041"); cue words are not part of it
 * ("ref: 88123" → "88123", "referencia PAGO-77" → "PAGO-77"). A reference must contain a digit and be
 * at least three characters long, so "ref please" or "#1" are not references. A bare
 * LETTERS-digits code ("BK-0042") counts at 0.7 without a cue; month names ("Dec-14") are excluded.
 * Plain numbers and amounts never count without a cue.
 */
public final class ReferenceFinder {

    private static final String TOKEN = "(#?[\\p{L}\\p{N}](?:[\\p{L}\\p{N}/-]*[\\p{L}\\p{N}])?)";
    private static final Pattern CUE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:payment\\s+)?ref(?:erence|erencia)?"
            + "(?:\\s+(?:no|number|numero))?|invoice(?:\\s+(?:no|number))?|factura|fatura|recibo|receipt"
            + "|comprobante|comprovante|transaction(?:\\s+id)?|txn(?:\\s+id)?|order\\s+(?:no|number|id)"
            + "|pedido\\s+(?:n[oº°]|numero)|numero\\s+de\\s+(?:pedido|factura|fatura|referencia))\\.?"
            + "(?:\\s+(?:is|was|es|e))?\\s*(?:n[oº°]\\.?\\s*)?(?:[:=-]\\s*)?" + TOKEN + "(?![\\p{L}\\p{N}])");
    private static final Pattern CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}#])(?:inv|nf|rcpt|txn|fact?)[ -]?#?\\d[\\p{L}\\p{N}-]*(?<![-])(?![\\p{L}\\p{N}])");
    private static final Pattern HASH = Pattern.compile("(?<![\\p{L}\\p{N}&])#[\\p{L}\\p{N}][\\p{L}\\p{N}-]*(?<!-)");
    private static final Pattern HYPHENATED = Pattern.compile(
            "(?<![\\p{L}\\p{N}#-])([\\p{L}]{2,6})-[\\p{L}\\p{N}]*\\d[\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)*(?![\\p{L}\\p{N}-])");

    public List<Match<String>> findAll(String text, NormalizeContext ctx) {
        String folded = TextCleaner.fold(text);
        Matches<String> found = new Matches<>();
        Matcher m = CUE.matcher(folded);
        while (m.find()) {
            add(text, m.start(1), m.end(1), 0.9, found);
        }
        m = CODE.matcher(folded);
        while (m.find()) {
            add(text, m.start(), m.end(), 0.9, found);
        }
        m = HASH.matcher(folded);
        while (m.find()) {
            add(text, m.start(), m.end(), 0.8, found);
        }
        m = HYPHENATED.matcher(folded);
        while (m.find()) {
            if (!CalendarWords.MONTHS.containsKey(m.group(1)) && !CalendarWords.WEEKDAYS.containsKey(m.group(1))) {
                add(text, m.start(), m.end(), 0.7, found);
            }
        }
        return found.inOrder();
    }

    private static void add(String text, int start, int end, double confidence, Matches<String> found) {
        String token = text.substring(start, end);
        int body = token.startsWith("#") ? token.length() - 1 : token.length();
        if (body >= 3 && hasDigit(token)) {
            found.add(token, start, end, confidence);
        }
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
