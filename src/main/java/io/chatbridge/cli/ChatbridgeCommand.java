package io.chatbridge.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top of the command line. Subcommands that need no database run here without Spring;
 * anything else starts the server.
 */
@Command(
        name = "chatbridge",
        mixinStandardHelpOptions = true,
        versionProvider = ChatbridgeCommand.Version.class,
        description = "WhatsApp conversations become records, kept in step everywhere.",
        subcommands = {ExtractCommand.class, MappingsCommand.class, ImportCommand.class, CommandLine.HelpCommand.class})
public final class ChatbridgeCommand {

    private static final Set<String> COMMANDS =
            Set.of("extract", "mappings", "import", "help", "--help", "-h", "--version", "-V");

    /** True when the arguments name a command-line tool rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Runs the command as the program's {@code main} does: an import in a JVM of its own when that pays
     * ({@link ImportFork}), started from the build's extracted copy of the jar when there is one
     * ({@link StartArchive}), anything else here.
     */
    public static int launch(String[] args) {
        return ImportFork.command(args, ImportFork.Jvm::current)
                .map(StartArchive::use)
                .flatMap(ImportFork::run)
                .orElseGet(() -> run(args));
    }

    public static int run(String[] args) {
        CliLogging.warningsToStandardError();
        return new CommandLine(new ChatbridgeCommand()).execute(args);
    }

    /** The version the jar's manifest gives (Maven's project version). */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = ChatbridgeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"chatbridge " + (version == null ? "(run from classes: no version)" : version)};
        }
    }
}
