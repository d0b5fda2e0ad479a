package io.chatbridge.reconcile.statement;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OFX 1.x (SGML: leaf elements without closing tags, as in {@code <TRNAMT>-6.60}) and OFX 2.x
 * (XML) with one tolerant tag scanner, because the two differ only in whether leaves are closed. Bank
 * and credit-card statements alike: every {@code STMTTRN} is an entry, {@code FITID} is the bank's id.
 */
public final class OfxParser {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z0-9.]+)>([^<]*)");
    private static final Pattern HEADER_CHARSET = Pattern.compile("(?m)^CHARSET:\\s*(\\S+)");
    private static final Pattern HEADER_ENCODING = Pattern.compile("(?m)^ENCODING:\\s*(\\S+)");
    private static final Pattern XML_ENCODING = Pattern.compile("encoding=\"([^\"]+)\"");

    public ParsedStatement parse(byte[] content) {
        String text = new String(content, charset(content));
        int start = text.toUpperCase(Locale.ROOT).indexOf("<OFX>");
        if (start < 0) {
            throw new StatementFormatException("not an OFX file: no <OFX> element");
        }
        Map<String, String> statement = new HashMap<>();
        List<Map<String, String>> transactions = new ArrayList<>();
        Map<String, String> current = null;
        int statements = 0;
        Matcher tag = TAG.matcher(text);
        tag.region(start, text.length());
        while (tag.find()) {
            String name = tag.group(2).toUpperCase(Locale.ROOT);
            boolean closing = !tag.group(1).isEmpty();
            if (name.equals("STMTTRN")) {
                current = closing ? null : new HashMap<>();
                if (!closing) {
                    transactions.add(current);
                }
            } else if (!closing && (name.equals("STMTRS") || name.equals("CCSTMTRS"))) {
                statements++;
            } else if (!closing && !tag.group(3).isBlank()) {
                String value = unescape(tag.group(3).trim());
                (current != null ? current : statement).putIfAbsent(name, value);
            }
        }
        List<BankEntry> entries = new ArrayList<>();
        for (Map<String, String> trn : transactions) {
            entries.add(entry(trn, statement));
        }
        return new ParsedStatement("ofx", Math.max(statements, 1), entries);
    }

    private static BankEntry entry(Map<String, String> trn, Map<String, String> statement) {
        String amount = trn.get("TRNAMT");
        String posted = trn.getOrDefault("DTPOSTED", trn.get("DTUSER"));
        if (amount == null || posted == null) {
            throw new StatementFormatException(
                    "an OFX STMTTRN has no TRNAMT or DTPOSTED (FITID " + trn.getOrDefault("FITID", "?") + ")");
        }
        List<String> remittance = new ArrayList<>();
        for (String field : new String[] {"MEMO", "REFNUM", "CHECKNUM"}) {
            if (trn.containsKey(field)) {
                remittance.add(trn.get(field));
            }
        }
        return new BankEntry(
                statement.getOrDefault("ACCTID", ""),
                date(posted),
                decimal(amount),
                trn.getOrDefault("CURRENCY", statement.getOrDefault("CURDEF", "")),
                trn.get("FITID"),
                null,
                trn.get("NAME"),
                String.join(" ", remittance));
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.of(
                    Integer.parseInt(value.substring(0, 4)),
                    Integer.parseInt(value.substring(4, 6)),
                    Integer.parseInt(value.substring(6, 8)));
        } catch (RuntimeException e) {
            throw new StatementFormatException("an OFX date is not YYYYMMDD…: " + value, e);
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.replace(',', '.').replace("+", ""));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new StatementFormatException("an OFX amount is not a number: " + value, e);
        }
    }

    private static String unescape(String value) {
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** OFX 1 names its charset in the header ({@code CHARSET:1252}); OFX 2 in the XML declaration. */
    static Charset charset(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 512), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        if (xml.find()) {
            return Charset.forName(xml.group(1));
        }
        Matcher encoding = HEADER_ENCODING.matcher(head);
        if (encoding.find() && encoding.group(1).toUpperCase(Locale.ROOT).contains("UTF")) {
            return StandardCharsets.UTF_8;
        }
        Matcher charset = HEADER_CHARSET.matcher(head);
        if (charset.find() && charset.group(1).matches("\\d+")) {
            return Charset.forName("windows-" + charset.group(1));
        }
        return Charset.forName("windows-1252");
    }
}
