package io.chatbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.extract.RuleBasedExtractor;
import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbridge extract}: runs extraction over a JSON-lines file of messages, no server, no
 * database. Exit 0 when every line was read, 1 when some were skipped, 2 when nothing could run.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = "Turn conversations (JSON lines) into records (JSON lines on stdout).")
public final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mappings",
            defaultValue = "mappings",
            description = "mappings folder (default: ${DEFAULT-VALUE})")
    Path mappings;

    @Option(
            names = "--input",
            defaultValue = "-",
            description =
                    "JSON lines {conversation, business:{zone,locale,currency}, from, name, timestamp, text}; - for stdin")
    String input;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        MappingLoader.Result loaded = new MappingLoader().load(mappings);
        if (!loaded.valid()) {
            loaded.problems()
                    .forEach(p -> err.println(mappings.resolve(p.file()).normalize()
                            + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : "") + ": " + p.message()));
            return 2;
        }
        MappingSet set = loaded.mappings().orElseThrow();
        ConversationLines lines = new ConversationLines(set.business(null));
        try (BufferedReader reader = open()) {
            lines.read(reader, err);
        } catch (IOException e) {
            err.println("cannot read " + input + ": " + e.getMessage());
            return 2;
        }
        print(set, lines);
        return lines.skipped() > 0 ? 1 : 0;
    }

    private void print(MappingSet set, ConversationLines lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        RuleBasedExtractor extractor = new RuleBasedExtractor(() -> set);
        RecordJson records = new RecordJson(set);
        PrintWriter out = spec.commandLine().getOut();
        for (ConversationLines.Conversation c : lines.conversations()) {
            for (RecordDraft draft : extractor.extract(c.window(), c.business())) {
                out.println(json.writeValueAsString(records.toJson(c.id(), draft)));
            }
        }
        out.flush();
    }

    private BufferedReader open() throws IOException {
        if (input.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }
}
