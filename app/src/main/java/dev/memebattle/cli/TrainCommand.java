package dev.memebattle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code train} is not part of the bot: DL4J/ND4J (~100 MB) live in the training module. This only
 * says where to go, so the habit of typing {@code memebattle train} ends in one helpful line.
 */
@Command(name = "train", description = "Train the caption model: moved to the training jar (see models/README.md).")
public final class TrainCommand implements Callable<Integer> {

    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        System.err.println("memebattle: training is not part of the bot's jar; build and run the training jar: "
                + "mvn -B -q package -DskipTests && java -jar training/target/memebattle-training.jar train "
                + String.join(" ", arguments));
        return 2;
    }
}
