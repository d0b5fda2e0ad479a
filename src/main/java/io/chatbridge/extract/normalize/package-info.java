/**
 * Normalisers of the extraction engine: find dates, times, amounts, counts, phones, references and
 * e-mail addresses in chat text (English, Spanish, Portuguese) and turn them into canonical values.
 *
 * <p>Pure code: no Spring, no I/O. Every finder is stateless and thread-safe; build one and share it.
 * Spans always refer to the text the caller passed ({@link io.chatbridge.extract.normalize.TextCleaner}
 * never changes a length). Finders are independent: the same characters can be read by two of them only
 * where the text itself is ambiguous, and the lower confidence says so.
 */
package io.chatbridge.extract.normalize;
