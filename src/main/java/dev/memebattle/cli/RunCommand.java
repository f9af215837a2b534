package dev.memebattle.cli;

import dev.memebattle.config.BotConfig;
import dev.memebattle.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** The bot itself: every platform that has a token. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the bot on every platform that has a token (DISCORD_TOKEN, TELEGRAM_TOKEN).",
                "Without tokens, try the local chat: memebattle console"})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
        Secrets secrets = Secrets.fromEnvironment(System.getenv());
        if (secrets.none()) {
            System.out.println("""
                    No platform token is configured, so there is nothing to connect to.
                      • Set DISCORD_TOKEN and/or TELEGRAM_TOKEN in the environment and run again, or
                      • try the bot locally right now:   java -jar target/memebattle.jar console
                      • or make one meme into a file:    java -jar target/memebattle.jar generate --template doge --text "such test|very bar" --out meme.jpg""");
            return 0;
        }
        BotConfig config = options.load();
        System.err.println("Platform adapters are not part of this build yet (" + secrets
                + "); use the console command. Config: " + config.templates().definitionsDir());
        return 1;
    }
}
