package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The mapping loader over the shipped mappings bent out of shape (issue 11, drill 6): lines dropped,
 * repeated, re-indented, values swapped for hostile ones, tabs, anchors and aliases (a billion laughs),
 * binary noise. An admin who saves such a file gets problems with a file, line and column, or a valid
 * set; never an exception (which the console and the reload endpoint would answer with a 500).
 */
class MappingLoaderFuzzTests {

    private static final Path SHIPPED = Path.of("mappings");
    private static final List<String> HOSTILE = List.of(
            "\t",
            ": :",
            "- - -",
            "{",
            "[[[[[[[[[[",
            "!!java.lang.Runtime {}",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]",
            "&a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
            "type: 12",
            "owner: [sheets, nobody, 7]",
            "pattern: '(a+)+$'",
            "pattern: '['",
            "${UNSET_VARIABLE}",
            "${",
            "\u0000",
            "~",
            "null",
            "9999999999999999999999999",
            "'=HYPERLINK(\"x\")'",
            "---\n---\n...");

    @Property(tries = 120)
    void aDamagedMappingIsLoadedOrReportedWithAPlace(@ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("mappings-fuzz");
        try {
            Random random = new Random(seed);
            for (Path file : shipped()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(
                        dir.resolve(file.getFileName()),
                        random.nextInt(3) == 0 ? damage(text, random) : text,
                        StandardCharsets.UTF_8);
            }

            MappingLoader.Result result = new MappingLoader(name -> null).load(dir);

            assertThat(result.valid()).isEqualTo(result.problems().isEmpty());
            assertThat(result.mappings().isPresent()).isEqualTo(result.valid());
            for (MappingProblem problem : result.problems()) {
                assertThat(problem.file()).isNotBlank();
                assertThat(problem.message()).isNotBlank();
                assertThat(problem.line()).isGreaterThanOrEqualTo(0);
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static String damage(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, " ".repeat(random.nextInt(5)) + line.stripLeading());
                case 3 -> lines.set(at, HOSTILE.get(random.nextInt(HOSTILE.size())));
                case 4 -> {
                    int colon = line.indexOf(": ");
                    lines.set(
                            at,
                            colon < 0
                                    ? line + HOSTILE.get(random.nextInt(HOSTILE.size()))
                                    : line.substring(0, colon + 2) + HOSTILE.get(random.nextInt(HOSTILE.size())));
                }
                case 5 -> lines.subList(at, lines.size()).clear();
                default -> {
                    char[] chars = line.toCharArray();
                    if (chars.length > 0) {
                        chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                    }
                    lines.set(at, new String(chars));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static List<Path> shipped() {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
