package dev.memebattle.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot on every platform that has a token configured.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("No platform is configured yet. Try: memebattle console");
        return 0;
    }
}
