package dev.memebattle;

import dev.memebattle.cli.BenchCommand;
import dev.memebattle.cli.ConsoleCommand;
import dev.memebattle.cli.GenerateCommand;
import dev.memebattle.cli.EvalCommand;
import dev.memebattle.cli.RunCommand;
import dev.memebattle.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar memebattle.jar [command]}; with no command it runs the bot. */
@Command(name = "memebattle",
        mixinStandardHelpOptions = true,
        version = "MemeBattle 0.1.0",
        description = "Meme battle chat bot: AI captions rendered onto meme templates.",
        subcommands = {
                RunCommand.class,
                ConsoleCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                TrainCommand.class,
                EvalCommand.class,
        })
public final class MemeBattle implements Runnable {

    @Override
    public void run() {
        new CommandLine(new RunCommand()).execute();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MemeBattle())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }
}
