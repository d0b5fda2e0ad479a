package io.chatbridge.reconcile.statement;

import io.chatbridge.common.Storable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads ISO 20022 camt.053 (BankToCustomerStatement) of any version: elements are found by local
 * name, so v02 ({@code <Sts>BOOK</Sts>}, {@code Dbtr/Nm}) and v08 ({@code <Sts><Cd>BOOK</Cd></Sts>},
 * {@code Dbtr/Pty/Nm}) read alike. Every {@code Stmt} of the file is read. Amounts in camt are always
 * positive; {@code CdtDbtInd} gives the sign, and a reversal ({@code RvslInd=true}) flips it.
 * Document type declarations are refused, so a statement cannot make us read local files (XXE).
 */
public final class Camt053Parser {

    public ParsedStatement parse(byte[] content) {
        Element document = read(content).getDocumentElement();
        Element root = Xml.child(document, "BkToCstmrStmt");
        if (root == null) {
            throw new StatementFormatException("not a camt.053 statement: no BkToCstmrStmt element");
        }
        List<Element> statements = Xml.children(root, "Stmt");
        List<BankEntry> entries = new ArrayList<>();
        for (Element statement : statements) {
            String account = account(statement);
            String accountCurrency = Xml.text(statement, "Acct", "Ccy");
            for (Element entry : Xml.children(statement, "Ntry")) {
                if (!isPending(entry)) {
                    entries.add(entry(entry, account, accountCurrency));
                }
            }
        }
        return new ParsedStatement("camt.053", statements.size(), entries);
    }

    private static Document read(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) { // from bytes in memory: the file itself, e.g. an encoding no JVM knows
            throw new StatementFormatException("the camt.053 file could not be read: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new StatementFormatException("the camt.053 file is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static String account(Element statement) {
        String iban = Xml.text(statement, "Acct", "Id", "IBAN");
        return iban != null ? iban : Xml.text(statement, "Acct", "Id", "Othr", "Id");
    }

    /** Pending and information-only entries are not money yet; only booked ones are imported. */
    private static boolean isPending(Element entry) {
        Element status = Xml.child(entry, "Sts");
        if (status == null) {
            return false;
        }
        String code = Xml.child(status, "Cd") != null ? Xml.text(status, "Cd") : status.getTextContent();
        return code != null && !code.isBlank() && !"BOOK".equals(code.trim());
    }

    private static BankEntry entry(Element entry, String account, String accountCurrency) {
        Element amount = Xml.child(entry, "Amt");
        if (amount == null) {
            throw new StatementFormatException("a camt.053 entry has no Amt");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.getTextContent().trim());
        } catch (NumberFormatException e) {
            throw new StatementFormatException(
                    "a camt.053 amount is not a number: '"
                            + Storable.text(amount.getTextContent().trim()) + "'",
                    e);
        }
        boolean debit = "DBIT".equals(Xml.text(entry, "CdtDbtInd"));
        boolean reversal = "true".equalsIgnoreCase(Xml.text(entry, "RvslInd"));
        if (debit != reversal) {
            value = value.negate();
        }
        String currency = amount.getAttribute("Ccy").isBlank() ? accountCurrency : amount.getAttribute("Ccy");
        if (currency == null || currency.isBlank()) {
            // camt's amounts always carry Ccy: one without it, and no account currency, is a damaged file;
            // the default currency (right for a CSV without one) could book it in the wrong money
            throw new StatementFormatException(
                    "a camt.053 amount has no currency (Amt without Ccy, and the account gives none)");
        }
        Element details = Xml.child(entry, "NtryDtls");
        List<Element> transactions = details == null ? List.of() : Xml.children(details, "TxDtls");
        String reference = Xml.text(entry, "AcctSvcrRef");
        if (reference == null) {
            reference = Xml.text(entry, "NtryRef");
        }
        return new BankEntry(
                account,
                bookingDate(entry),
                value,
                currency,
                reference,
                firstOf(transactions, "Refs", "EndToEndId"),
                counterparty(transactions, value.signum() >= 0),
                remittance(entry, transactions));
    }

    private static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text.trim().substring(0, 10));
        } catch (RuntimeException e) {
            throw new StatementFormatException("a camt.053 date is not YYYY-MM-DD: '" + Storable.text(text) + "'", e);
        }
    }

    private static LocalDate bookingDate(Element entry) {
        for (String dateElement : new String[] {"BookgDt", "ValDt"}) {
            String date = Xml.text(entry, dateElement, "Dt");
            if (date != null) {
                return isoDate(date);
            }
            String dateTime = Xml.text(entry, dateElement, "DtTm");
            if (dateTime != null) {
                return isoDate(dateTime);
            }
        }
        throw new StatementFormatException("a camt.053 entry has neither a booking nor a value date");
    }

    /**
     * For money in, the debtor paid us; for money out, the creditor was paid. Some banks fill only the
     * other party, so that is the last resort.
     */
    private static String counterparty(List<Element> transactions, boolean credit) {
        String party = credit ? "Dbtr" : "Cdtr";
        String ultimate = credit ? "UltmtDbtr" : "UltmtCdtr";
        String other = credit ? "Cdtr" : "Dbtr";
        for (String[] path : new String[][] {
            {"RltdPties", party, "Pty", "Nm"}, {"RltdPties", party, "Nm"},
            {"RltdPties", ultimate, "Pty", "Nm"}, {"RltdPties", ultimate, "Nm"},
            {"RltdPties", other, "Pty", "Nm"}, {"RltdPties", other, "Nm"}
        }) {
            String name = firstOf(transactions, path);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static String remittance(Element entry, List<Element> transactions) {
        List<String> parts = new ArrayList<>();
        for (Element tx : transactions) {
            Element info = Xml.child(tx, "RmtInf");
            if (info != null) {
                Xml.children(info, "Ustrd")
                        .forEach(u -> parts.add(u.getTextContent().trim()));
                for (Element structured : Xml.children(info, "Strd")) {
                    String ref = Xml.text(structured, "CdtrRefInf", "Ref");
                    if (ref != null) {
                        parts.add(ref);
                    }
                    Xml.children(structured, "AddtlRmtInf")
                            .forEach(u -> parts.add(u.getTextContent().trim()));
                }
            }
        }
        String additional = Xml.text(entry, "AddtlNtryInf");
        if (additional != null) {
            parts.add(additional);
        }
        return String.join(" ", parts);
    }

    private static String firstOf(List<Element> transactions, String... path) {
        for (Element tx : transactions) {
            String value = Xml.text(tx, path);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Namespace-blind element helpers: camt versions differ only in their namespace and a few paths. */
    static final class Xml {
        private Xml() {}

        static Element child(Element parent, String localName) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(e.getLocalName())) {
                    return e;
                }
            }
            return null;
        }

        static List<Element> children(Element parent, String localName) {
            List<Element> found = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(e.getLocalName())) {
                    found.add(e);
                }
            }
            return found;
        }

        /** The trimmed text at a path of child elements, or null when any step is missing or empty. */
        static String text(Element start, String... path) {
            Element current = start;
            for (String step : path) {
                current = child(current, step);
                if (current == null) {
                    return null;
                }
            }
            String text = current.getTextContent().trim();
            return text.isEmpty() ? null : text;
        }
    }
}
