package io.chatbridge.cli;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chatbridge mappings validate <dir>}: checks a mappings folder the way start-up does. */
@Command(
        name = "mappings",
        description = "Work with the mapping files.",
        subcommands = MappingsCommand.Validate.class,
        mixinStandardHelpOptions = true)
public final class MappingsCommand {

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check every mapping file; print each problem as file:line:column: message. Exit 0 when valid, 1 when not.")
    static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                defaultValue = "mappings",
                paramLabel = "DIR",
                description = "the mappings folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() {
            MappingLoader.Result result = new MappingLoader().load(dir);
            PrintWriter out = spec.commandLine().getOut();
            if (result.valid()) {
                MappingSet set = result.mappings().orElseThrow();
                out.println(dir + ": valid — record types "
                        + String.join(", ", set.types().keySet()) + "; "
                        + set.businesses().size() + " business setting(s)");
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            for (MappingProblem problem : result.problems()) {
                err.println(dir.resolve(problem.file()).normalize()
                        + (problem.line() > 0 ? ":" + problem.line() + ":" + problem.column() + ": " : ": ")
                        + problem.message());
            }
            err.println(result.problems().size() + " problem(s); the mappings in " + dir
                    + " cannot be used until they are fixed");
            return 1;
        }
    }
}
