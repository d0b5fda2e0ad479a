package io.chatbridge.extract.normalize;

import java.util.List;
import java.util.Set;
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

    private static final Set<String> CUE_STARTS = Set.of(
            "payment",
            "ref",
            "reference",
            "referencia",
            "invoice",
            "factura",
            "fatura",
            "recibo",
            "receipt",
            "comprobante",
            "comprovante",
            "transaction",
            "txn",
            "order",
            "pedido",
            "numero");
    private static final Set<String> CODE_STARTS = Set.of("inv", "nf", "rcpt", "txn", "fac", "fact");

    public List<Match<String>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<String>> findAll(ChatText chat, NormalizeContext ctx) {
        if (!chat.hasDigit()) {
            return List.of(); // every reference has a digit
        }
        String text = chat.raw();
        Matches<String> found = new Matches<>();
        Tokens tokens = chat.tokens();
        int lastDigit = lastDigit(chat.folded());
        // a reference needs a digit after its cue or code word
        tokens.each(
                CUE,
                (t, i) -> CUE_STARTS.contains(t.word(i)) && lastDigit > t.end(i),
                m -> add(text, m.start(1), m.end(1), 0.9, found));
        tokens.each(
                CODE,
                (t, i) -> CODE_STARTS.contains(t.word(i)) && lastDigit > t.end(i),
                m -> add(text, m.start(), m.end(), 0.9, found));
        tokens.each(HASH, "#"::equals, m -> add(text, m.start(), m.end(), 0.8, found));
        tokens.each(
                HYPHENATED,
                (t, i) -> t.word(i).length() >= 2
                        && t.word(i).length() <= 6
                        && Character.isLetter(t.word(i).charAt(0))
                        && t.after(i) == '-',
                m -> !CalendarWords.MONTHS.containsKey(m.group(1))
                        && !CalendarWords.WEEKDAYS.containsKey(m.group(1))
                        && add(text, m.start(), m.end(), 0.7, found));
        return found.inOrder();
    }

    private static boolean add(String text, int start, int end, double confidence, Matches<String> found) {
        String token = text.substring(start, end);
        int body = token.startsWith("#") ? token.length() - 1 : token.length();
        return body >= 3 && hasDigit(token) && found.add(token, start, end, confidence);
    }

    private static int lastDigit(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
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
