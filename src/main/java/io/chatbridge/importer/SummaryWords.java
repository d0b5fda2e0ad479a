package io.chatbridge.importer;

/**
 * What an import's summary says in place of the command's options. Its texts are written for the
 * {@code import} command ("given with --business-author", "re-run with --business-author "<name>"");
 * the API names its parameters instead, and the console its form's fields.
 *
 * @param rerun in place of {@code re-run with --business-author "<name>"}
 */
public record SummaryWords(
        String rerun, String businessAuthor, String businessNumber, String customerNumber, String dateOrder) {

    private static final String RERUN = "re-run with --business-author \"<name>\"";

    /** The text in these words. */
    public String of(String text) {
        return text.replace(RERUN, rerun)
                .replace("--business-author", businessAuthor)
                .replace("--business-number", businessNumber)
                .replace("--customer-number", customerNumber)
                .replace("--date-order", dateOrder);
    }
}
