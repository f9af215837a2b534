package dev.memebattle.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate the caption model.")
public final class EvalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eval: not implemented yet");
        return 1;
    }
}
