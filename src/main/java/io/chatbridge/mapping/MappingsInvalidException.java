package io.chatbridge.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start-up when the mappings folder holds no usable set; the message lists every problem. */
public class MappingsInvalidException extends RuntimeException {

    private final transient List<MappingProblem> problems;

    public MappingsInvalidException(Path dir, List<MappingProblem> problems) {
        super("The mappings in " + dir.toAbsolutePath().normalize() + " cannot be used:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<MappingProblem> problems() {
        return problems;
    }
}
