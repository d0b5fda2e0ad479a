package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.AmountFinder;
import io.chatbridge.extract.normalize.ChatText;
import io.chatbridge.extract.normalize.DateFinder;
import io.chatbridge.extract.normalize.EmailFinder;
import io.chatbridge.extract.normalize.Match;
import io.chatbridge.extract.normalize.Money;
import io.chatbridge.extract.normalize.NormalizeContext;
import io.chatbridge.extract.normalize.PhoneFinder;
import io.chatbridge.extract.normalize.QuantityFinder;
import io.chatbridge.extract.normalize.ReferenceFinder;
import io.chatbridge.extract.normalize.TimeFinder;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** {@link ValueFinders} over the {@code extract.normalize} finders. */
final class NormalizerFinders implements ValueFinders {

    private final DateFinder dates = new DateFinder();
    private final TimeFinder times = new TimeFinder();
    private final AmountFinder amounts = new AmountFinder();
    private final QuantityFinder quantities = new QuantityFinder();
    private final PhoneFinder phones = new PhoneFinder();
    private final ReferenceFinder references = new ReferenceFinder();
    private final EmailFinder emails = new EmailFinder();

    @Override
    public List<Match<LocalDate>> dates(ChatText text, NormalizeContext ctx) {
        return dates.findAll(text, ctx);
    }

    @Override
    public List<Match<LocalTime>> times(ChatText text, NormalizeContext ctx) {
        return times.findAll(text, ctx);
    }

    @Override
    public List<Match<Money>> amounts(ChatText text, NormalizeContext ctx) {
        return amounts.findAll(text, ctx);
    }

    @Override
    public List<Match<Integer>> quantities(ChatText text, NormalizeContext ctx) {
        return quantities.findAll(text, ctx);
    }

    @Override
    public List<Match<String>> phones(ChatText text, NormalizeContext ctx) {
        return phones.findAll(text, ctx);
    }

    @Override
    public List<Match<String>> references(ChatText text, NormalizeContext ctx) {
        return references.findAll(text, ctx);
    }

    @Override
    public List<Match<String>> emails(ChatText text, NormalizeContext ctx) {
        return emails.findAll(text, ctx);
    }
}
