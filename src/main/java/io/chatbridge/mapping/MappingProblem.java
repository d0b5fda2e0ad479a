package io.chatbridge.mapping;

/**
 * One thing wrong with a mapping file, said so an admin can find and fix it.
 *
 * @param file the file name relative to the mappings folder ({@code booking.yaml})
 * @param line 1-based line, 0 when the problem is about the whole file
 * @param column 1-based column, 0 when unknown
 * @param message a plain sentence ("field `guests` has type `integr`; did you mean `integer`?")
 */
public record MappingProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
}
