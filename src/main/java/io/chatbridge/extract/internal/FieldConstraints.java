package io.chatbridge.extract.internal;

import io.chatbridge.mapping.FieldMapping;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.DecimalMaxDef;
import org.hibernate.validator.cfg.defs.DecimalMinDef;
import org.hibernate.validator.cfg.defs.PatternDef;

/**
 * A field's Bean Validation constraints from its mapping ({@code min}, {@code max}, {@code pattern}),
 * checked by Hibernate Validator as {@code @DecimalMin}, {@code @DecimalMax} and {@code @Pattern} on a
 * one-property holder. The mapping says them per field, so they are declared with the programmatic API
 * when the mapping is compiled, one validator per constrained field; a field without constraints never
 * reaches the validator. A value outside the bounds is not taken from the message; a final value that
 * breaks the pattern is dropped from the draft (and listed as missing when required), and so is one the
 * pattern overflows the stack on ({@link RegexOverflow}).
 */
final class FieldConstraints {

    /**
     * Only the verdict is used, never the message: skip interpolation (the default one needs an
     * expression-language implementation and warns on every violation without it).
     */
    private static final MessageInterpolator TEMPLATE_ONLY = new MessageInterpolator() {
        @Override
        public String interpolate(String template, Context context) {
            return template;
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return template;
        }
    };

    private static final FieldConstraints NONE = new FieldConstraints(null, false, null, null);

    /** Holder whose {@code value} carries the numeric bounds. */
    static final class NumberValue {
        BigDecimal value;
    }

    /** Holder whose {@code value} carries the pattern. */
    static final class TextValue {
        String value;
    }

    private final Validator validator;
    private final boolean bounded;
    /** The field's {@code pattern}, or null. */
    private final String pattern;
    /** Where the pattern is in the mappings ({@code booking.notes pattern}), for the log. */
    private final String where;

    private FieldConstraints(Validator validator, boolean bounded, String pattern, String where) {
        this.validator = validator;
        this.bounded = bounded;
        this.pattern = pattern;
        this.where = where;
    }

    static FieldConstraints of(FieldMapping field) {
        return of(field.name() + " pattern", field);
    }

    /** @param where where the field's pattern is in the mappings, for the log */
    static FieldConstraints of(String where, FieldMapping field) {
        boolean bounded = field.min() != null || field.max() != null;
        boolean patterned = field.pattern() != null;
        if (!bounded && !patterned) {
            return NONE;
        }
        HibernateValidatorConfiguration config =
                Validation.byProvider(HibernateValidator.class).configure().messageInterpolator(TEMPLATE_ONLY);
        ConstraintMapping mapping = config.createConstraintMapping();
        if (bounded) {
            var value = mapping.type(NumberValue.class).field("value");
            if (field.min() != null) {
                value.constraint(new DecimalMinDef().value(field.min().toPlainString()));
            }
            if (field.max() != null) {
                value.constraint(new DecimalMaxDef().value(field.max().toPlainString()));
            }
        }
        if (patterned) {
            mapping.type(TextValue.class).field("value").constraint(new PatternDef().regexp(field.pattern()));
        }
        // the factory stays open: closing it would drop the metadata the validator works from
        return new FieldConstraints(
                config.addMapping(mapping).buildValidatorFactory().getValidator(),
                bounded,
                patterned ? field.pattern() : null,
                where);
    }

    /** True when {@code n} lies within the field's {@code min} and {@code max} (inclusive). */
    boolean allows(BigDecimal n) {
        return !bounded || verdict(numbers, n, v -> validator.validateValue(NumberValue.class, "value", v));
    }

    /** True when the final value, as text, matches the field's {@code pattern} in full. */
    boolean allowsText(String value) {
        return pattern == null
                || RegexOverflow.safely(
                        () -> verdict(texts, value, v -> validator.validateValue(TextValue.class, "value", v)),
                        where,
                        pattern,
                        value == null ? 0 : value.length());
    }

    /**
     * Verdicts already given, by value: a verdict depends on the value alone, and the same few counts and
     * amounts come back in message after message, while a call of the validator costs about a microsecond
     * (it walks the holder's metadata by reflection). Bounded, so that odd values cannot fill memory.
     */
    private static final int REMEMBERED = 4096;

    private final Map<BigDecimal, Boolean> numbers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> texts = new ConcurrentHashMap<>();

    private static <T> boolean verdict(Map<T, Boolean> known, T value, Function<T, Set<?>> violations) {
        if (value == null) {
            return violations.apply(null).isEmpty();
        }
        Boolean verdict = known.get(value);
        if (verdict == null) {
            verdict = violations.apply(value).isEmpty();
            if (known.size() < REMEMBERED) {
                known.put(value, verdict);
            }
        }
        return verdict;
    }
}
