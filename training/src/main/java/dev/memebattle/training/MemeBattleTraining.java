package dev.memebattle.training;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the training jar: {@code java -jar training/target/memebattle-training.jar train …}.
 * The bot's own jar carries none of DL4J/ND4J; everything that needs them starts here.
 */
@Command(name = "memebattle-training",
        mixinStandardHelpOptions = true,
        version = "MemeBattle training 0.1.0",
        description = "Train MemeBattle's caption model and reranker with DL4J/ND4J.",
        subcommands = {TrainCommand.class, TrainingBenchCommand.class, FetchDataCommand.class})
public final class MemeBattleTraining implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MemeBattleTraining()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
