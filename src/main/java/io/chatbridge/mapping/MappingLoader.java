package io.chatbridge.mapping;

import io.chatbridge.mapping.internal.BusinessParser;
import io.chatbridge.mapping.internal.RecordTypeParser;
import io.chatbridge.mapping.internal.YamlSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a mappings folder: every {@code *.yaml} is a record type except {@code business.yaml}. All
 * problems of all files are collected in one pass, each with file, line and column, so an admin
 * fixes everything in one go.
 */
public final class MappingLoader {

    public static final String BUSINESS_FILE = "business.yaml";

    private final Function<String, String> env;

    /** A loader that substitutes {@code ${NAME}} and {@code ${NAME:default}} from the process environment. */
    public MappingLoader() {
        this(System::getenv);
    }

    public MappingLoader(Function<String, String> env) {
        this.env = env;
    }

    /** What a load produced: a valid set, or the problems that stop it being used. */
    public record Result(Optional<MappingSet> mappings, List<MappingProblem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty() && mappings.isPresent();
        }
    }

    public Result load(Path dir) {
        List<MappingProblem> problems = new ArrayList<>();
        List<Path> files = yamlFiles(dir, problems);
        Map<String, RecordTypeMapping> types = new LinkedHashMap<>();
        Map<String, BusinessProfile> businesses = new LinkedHashMap<>();
        for (Path file : files) {
            YamlSource src = new YamlSource(file.getFileName().toString(), env);
            compose(file, src).ifPresent(root -> {
                if (src.file().equals(BUSINESS_FILE)) {
                    businesses.putAll(new BusinessParser(src).parse(root));
                } else {
                    new RecordTypeParser(src).parse(root).ifPresent(t -> addType(types, t, src));
                }
            });
            problems.addAll(src.problems());
        }
        checkSet(dir, files, types, problems);
        problems.sort(java.util.Comparator.comparing(MappingProblem::file)
                .thenComparingInt(MappingProblem::line)
                .thenComparingInt(MappingProblem::column));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new MappingSet(types, businesses)), problems);
    }

    private static void addType(Map<String, RecordTypeMapping> types, RecordTypeMapping type, YamlSource src) {
        RecordTypeMapping earlier = types.get(type.type());
        if (earlier != null) {
            src.problem(null, "record type `" + type.type() + "` is also defined in " + earlier.file() + "; keep one");
            return;
        }
        types.values().stream()
                .filter(t -> t.idPrefix().equals(type.idPrefix()))
                .findFirst()
                .ifPresent(t -> src.problem(
                        null,
                        "id-prefix `" + type.idPrefix() + "` is already used by `" + t.type() + "` in " + t.file()
                                + "; ids would clash"));
        types.put(type.type(), type);
    }

    private static void checkSet(
            Path dir, List<Path> files, Map<String, RecordTypeMapping> types, List<MappingProblem> problems) {
        boolean hasBusiness =
                files.stream().anyMatch(f -> f.getFileName().toString().equals(BUSINESS_FILE));
        if (!hasBusiness && Files.isDirectory(dir)) {
            problems.add(new MappingProblem(
                    BUSINESS_FILE,
                    0,
                    0,
                    "is missing from " + dir.toAbsolutePath().normalize()
                            + "; it needs at least a `default:` entry with zone, locale and currency"));
        }
        if (types.isEmpty() && problems.isEmpty()) {
            problems.add(new MappingProblem(
                    dir.toAbsolutePath().normalize().toString(),
                    0,
                    0,
                    "has no record type files (booking.yaml, order.yaml, …)"));
        }
    }

    private static List<Path> yamlFiles(Path dir, List<MappingProblem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new MappingProblem(
                    dir.toAbsolutePath().normalize().toString(),
                    0,
                    0,
                    (Files.exists(dir) ? "is not a folder" : "does not exist")
                            + "; point to the folder holding the mappings"));
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new MappingProblem(dir.toString(), 0, 0, "cannot be read: " + e.getMessage()));
            return List.of();
        }
    }

    private static Optional<Node> compose(Path file, YamlSource src) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by YamlSource with a position instead
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                src.problem(null, "is empty");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            src.problemAt(
                    mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1,
                    "is not valid YAML: " + e.getProblem() + " (check indentation and quotes)");
        } catch (IOException | RuntimeException e) {
            src.problem(null, "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
