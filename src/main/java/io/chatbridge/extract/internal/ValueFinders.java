package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.ChatText;
import io.chatbridge.extract.normalize.Match;
import io.chatbridge.extract.normalize.Money;
import io.chatbridge.extract.normalize.NormalizeContext;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The normalisers extraction uses, behind one seam so tests and the engine do not care how they work. */
interface ValueFinders {

    List<Match<LocalDate>> dates(ChatText text, NormalizeContext ctx);

    List<Match<LocalTime>> times(ChatText text, NormalizeContext ctx);

    List<Match<Money>> amounts(ChatText text, NormalizeContext ctx);

    List<Match<Integer>> quantities(ChatText text, NormalizeContext ctx);

    List<Match<String>> phones(ChatText text, NormalizeContext ctx);

    List<Match<String>> references(ChatText text, NormalizeContext ctx);

    List<Match<String>> emails(ChatText text, NormalizeContext ctx);
}
