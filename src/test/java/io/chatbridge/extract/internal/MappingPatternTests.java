package io.chatbridge.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.extract.normalize.TextCleaner;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MappingPatternTests {

    @Test
    void aChoiceOfPhrasesAtTheStartGivesItsWords() {
        assertThat(MappingPattern.required("\\b(?i:my name is|name:?|me llamo)\\s+(\\p{L}+)"))
                .containsExactly("my name is", "name", "me llamo");
        assertThat(MappingPattern.required("(?:(?i:i'm|sou (?:o|a)|aqui é)\\s+)(\\p{Lu}\\p{Ll}+)"))
                .containsExactly("i'm", "sou ", "aqui ");
        assertThat(MappingPattern.required("(?i:notes?|observa\\p{L}*)\\s*[:\\-]\\s*([^\\n]+)"))
                .containsExactly("note", "observa");
    }

    @Test
    void aSignOutsideGroupsAndClassesIsRequired() {
        assertThat(MappingPattern.required("\\b[A-Z]{2,4}-\\d{2,6}\\b")).containsExactly("-");
        assertThat(MappingPattern.required("\\b[A-Z]{2,4}-?\\d{2,6}\\b")).isNull(); // optional
        assertThat(MappingPattern.required("[-A-Z]{2,4}\\d+")).isNull(); // inside a class
        assertThat(MappingPattern.required("\\-\\d+")).isNull(); // escaped: not read
        assertThat(MappingPattern.required("(?:a-b)?\\d+")).isNull(); // inside an optional group
        assertThat(MappingPattern.required("[A-Z]+-\\d+|#\\d+")).isNull(); // another alternative
    }

    @Test
    void aShapeThatDoesNotForceTheWordsGivesNone() {
        assertThat(MappingPattern.required("(?:(?i:with|con) )?(\\p{Lu}\\p{Ll}+)"))
                .isNull(); // optional group
        assertThat(MappingPattern.required("(?:(?i:with|con)|\\d+)x")).isNull(); // another alternative
        assertThat(MappingPattern.required("(?i:with|con)|x")).isNull();
        assertThat(MappingPattern.required("(?i:with|[a-z]+)")).isNull(); // an alternative without words
        assertThat(MappingPattern.required("(?i:with|)x")).isNull();
        assertThat(MappingPattern.required("(?:^|(?<=[.!?,]\\s))(?=[^.!?\\n]*\\b(?i:vegan))([^.!?\\n]+)"))
                .isNull();
        assertThat(MappingPattern.required("(?x)(?i:with | con)")).isNull();
    }

    /** Whenever a shipped pattern finds a match in a text, the filter lets the text through. */
    @Test
    void theFilterNeverHidesAMatchOfAShippedPattern() throws IOException {
        List<String> texts = texts();
        int matched = 0;
        for (String regex : shippedPatterns()) {
            MappingPattern pattern = new MappingPattern(Pattern.compile(regex));
            for (String text : texts) {
                if (pattern.pattern.matcher(TextCleaner.clean(text)).find()) {
                    matched++;
                    assertThat(pattern.mayMatch(TextCleaner.fold(text)))
                            .as("%s on %s", regex, text)
                            .isTrue();
                }
            }
        }
        assertThat(matched).isGreaterThan(1000);
    }

    private static Set<String> shippedPatterns() {
        MappingSet set = new MappingLoader(n -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();
        Set<String> patterns = new LinkedHashSet<>();
        for (RecordTypeMapping type : set.types().values()) {
            patterns.addAll(type.match().patterns());
            type.fields().values().stream().map(FieldMapping::patterns).forEach(patterns::addAll);
        }
        return patterns;
    }

    /**
     * Every line of the extraction corpus, and sentences around the patterns' own words in odd cases,
     * accents and spaces (curly apostrophes, non-breaking spaces), followed by names and addresses.
     */
    private static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/extraction"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                texts.addAll(Files.readAllLines(file));
            }
        }
        String[] words = {
            "My name is",
            "NAME IS",
            "name’s",
            "Name:",
            "under the name of",
            "under",
            "me llamo",
            "Mi nombre es",
            "a nombre de",
            "nombre:",
            "meu nome é",
            "Meu Nome E",
            "em nome de",
            "nome:",
            "I’m",
            "i am",
            "This is",
            "soy",
            "sou o",
            "aqui é a",
            "Aqui é",
            "with",
            "con la",
            "com o",
            "Notes:",
            "nota -",
            "obs:",
            "observação:",
            "deliver it to",
            "delivered them to",
            "send it to",
            "my address is:",
            "Address:",
            "dirección:",
            "mi direccion es",
            "entregar en",
            "enviar a",
            "endereço:",
            "meu endereco e",
            "entregar no",
            "from the account of",
            "BP-2231",
            "allergic",
            "vegan",
            "wheelchair"
        };
        String[] before = {"", "Hi! ", "ok so ", "Olá, ", "x", "\u00a0", "¿"};
        String[] after = {
            " Ana Silva", " ana", " 12 Baker St, London", "\u00a0Jo", ": Rua Augusta 100", "", " Dr. Pérez"
        };
        Random random = new Random(9);
        for (String word : words) {
            for (String b : before) {
                for (String a : after) {
                    texts.add(b + word + a);
                    texts.add(b + oddCase(word, random) + a);
                }
            }
        }
        return texts;
    }

    private static String oddCase(String word, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
