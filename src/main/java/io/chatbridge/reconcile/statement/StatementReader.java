package io.chatbridge.reconcile.statement;

import java.util.Locale;

/**
 * Reads any statement file we know, deciding the format from the content rather than the file name
 * (banks name files {@code export.txt} or {@code statement.xml} for any format).
 */
public final class StatementReader {

    private final Camt053Parser camt = new Camt053Parser();
    private final OfxParser ofx = new OfxParser();
    private final CsvStatementParser csv = new CsvStatementParser();

    /**
     * @param csvProfile how to read the file if it turns out to be CSV
     * @throws StatementFormatException when the file is not a statement we can read
     */
    public ParsedStatement read(byte[] content, CsvProfile csvProfile) {
        try {
            return readKnown(content, csvProfile);
        } catch (IllegalArgumentException // numbers, charsets named in OFX headers
                | java.time.DateTimeException
                | IndexOutOfBoundsException
                | ArithmeticException e) {
            // a parser that missed a check: still a file we cannot read, not a server error
            throw new StatementFormatException("the statement could not be read: " + e.getMessage(), e);
        }
    }

    private ParsedStatement readKnown(byte[] content, CsvProfile csvProfile) {
        if (content.length == 0) {
            throw new StatementFormatException("the statement file is empty");
        }
        String head = TextDecoding.decode(java.util.Arrays.copyOf(content, Math.min(content.length, 4096)), null)
                .toUpperCase(Locale.ROOT);
        if (head.contains("BKTOCSTMRSTMT") || head.contains("CAMT.053")) {
            return camt.parse(content);
        }
        if (head.contains("OFXHEADER") || head.contains("<OFX>")) {
            return ofx.parse(content);
        }
        if (head.stripLeading().startsWith("<")) {
            throw new StatementFormatException("an XML file that is neither camt.053 nor OFX");
        }
        return csv.parse(content, csvProfile);
    }
}
