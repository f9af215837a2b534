package dev.memebattle;

import dev.memebattle.cli.BenchCommand;
import dev.memebattle.cli.CaptionsCommand;
import dev.memebattle.cli.ConsoleCommand;
import dev.memebattle.cli.GenerateCommand;
import dev.memebattle.cli.EvalCommand;
import dev.memebattle.cli.RunCommand;
import dev.memebattle.cli.TrainCommand;
import dev.memebattle.config.ConfigException;
import dev.memebattle.store.StoreException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Entry point: {@code java -jar memebattle.jar [command]}; with no command it runs the bot. */
@Command(name = "memebattle",
        mixinStandardHelpOptions = true,
        version = "MemeBattle 0.1.0",
        description = "Meme battle chat bot: AI captions rendered onto meme templates.",
        subcommands = {
                RunCommand.class,
                ConsoleCommand.class,
                GenerateCommand.class,
                CaptionsCommand.class,
                BenchCommand.class,
                TrainCommand.class,
                EvalCommand.class,
        })
public final class MemeBattle implements Callable<Integer> {

    /** No command given: {@code run}, with the same one-line errors and its exit status. */
    @Override
    public Integer call() {
        return configured(new CommandLine(new RunCommand())).execute();
    }

    /** Exit code for a configuration the bot cannot start with. */
    public static final int CONFIG_ERROR = 2;
    /** Exit code for a file or folder a command cannot read or write. */
    static final int FILE_ERROR = 3;

    private static String describe(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String what = cause instanceof java.nio.file.FileSystemException fs
                ? (fs.getReason() == null ? cause.getClass().getSimpleName() : fs.getReason()) + ": " + fs.getFile()
                : cause.getMessage();
        return what == null ? cause.getClass().getSimpleName() : what;
    }

    public static void main(String[] args) {
        // libraries that log through java.util.logging end up in our format and levels
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it (tests run it the same way). */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new MemeBattle()));
    }

    private static CommandLine configured(CommandLine commandLine) {
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> {
                    // a wrong flag or value: the problem and what to do next, not the whole usage
                    CommandLine cmd = e.getCommandLine();
                    CommandLine.ParameterException problem = e;
                    if (!(e instanceof CommandLine.UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
                        // "--tempalte doge" first shows up as a missing --template: the typo is the news
                        problem = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
                    }
                    cmd.getErr().println("memebattle: " + problem.getMessage());
                    if (problem instanceof CommandLine.UnmatchedArgumentException unmatched
                            && !unmatched.getSuggestions().isEmpty()) {
                        cmd.getErr().println("Did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
                    }
                    cmd.getErr().println("See: " + cmd.getCommandSpec().qualifiedName() + " --help");
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        // a mistake in the setup, not a bug: say what is wrong, without a stack trace
                        cmd.getErr().println("memebattle: " + e.getMessage());
                        return CONFIG_ERROR;
                    }
                    if (e instanceof StoreException) {
                        // the database is not there (yet): a container's restart policy may try again
                        cmd.getErr().println("memebattle: " + e.getMessage().lines().findFirst().orElse("")
                                + " — check store.url and that the database is running.");
                        return CONFIG_ERROR;
                    }
                    if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                            || e instanceof java.nio.file.InvalidPathException) {
                        // a file or folder the command cannot use: one line, what to check
                        cmd.getErr().println("memebattle: " + describe(e) + " — check that the path exists, is a"
                                + " folder where one is expected, and is writable.");
                        return FILE_ERROR;
                    }
                    throw e;
                });
    }
}
