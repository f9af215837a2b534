package dev.memebattle.cli;

import dev.memebattle.MemeBattle;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ConfigException;
import dev.memebattle.monitoring.HealthCheck;
import dev.memebattle.monitoring.MonitoringServer;
import dev.memebattle.config.Secrets;
import dev.memebattle.discord.DiscordBot;
import dev.memebattle.discord.DiscordStartException;
import dev.memebattle.telegram.TelegramBot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The bot itself: every platform that has a token, until SIGTERM/Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the bot on every platform that has a token (DISCORD_TOKEN, TELEGRAM_TOKEN).",
                "Without tokens it opens the local chat (memebattle console) when started from a terminal."})
public final class RunCommand implements Callable<Integer> {
    private static final Duration DISCORD_READY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long after a start the votes that waited at the platforms (Telegram's pending updates,
     * Discord's replayed events and reactions) may still arrive: far more than they take.
     */
    static final Duration VOTE_CATCH_UP = Duration.ofSeconds(30);


    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--console", negatable = true,
            description = "Without tokens, open the local chat. Default: only when started from a terminal.")
    Boolean console;

    @Override
    public Integer call() throws Exception {
        Secrets secrets = Secrets.fromEnvironment(System.getenv());
        if (secrets.none() && (console != null ? console : System.console() != null)) {
            // A newcomer's first run: no tokens yet, so show a meme locally instead of a to-do list.
            System.out.println("No DISCORD_TOKEN or TELEGRAM_TOKEN is set, so this is the local chat. "
                    + "Set a token to put the bot on Discord or Telegram.");
            ConsoleCommand chat = new ConsoleCommand();
            chat.options = options;
            return chat.call();
        }
        if (secrets.none()) {
            // nothing to connect to and nobody at a terminal (a container, a service): a setup mistake
            System.err.println("memebattle: no DISCORD_TOKEN or TELEGRAM_TOKEN is set — set one and run again "
                    + "(or try the bot locally: java -jar target/memebattle.jar console)");
            return MemeBattle.CONFIG_ERROR;
        }
        BotConfig config = options.load();
        MemoryTuning.apply();
        BotComponents bot = BotComponents.create(config);
        List<AutoCloseable> platforms = new ArrayList<>();
        try {
            startPlatforms(bot, secrets, platforms);
        } catch (DiscordStartException | IllegalStateException | ConfigException | UncheckedIOException e) {
            // one line, never the token: both adapters word their start failures for users
            System.err.println("Could not start: " + e.getMessage());
            closeAll(platforms, bot);
            return 1;
        }
        // rounds that ended while the bot was down close once the votes that waited at the platforms are in
        bot.battles().startScheduler(VOTE_CATCH_UP);
        prefetchImages(bot);
        log.info("MemeBattle is running ({}). Stop with Ctrl-C or SIGTERM.", secrets);

        // SIGTERM/Ctrl-C: stop taking commands, finish queued work, close the platforms, then the core.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(platforms, bot);
            stopped.countDown();
        }, "memebattle-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * The operator's listener first (when {@code metrics.port} is set), so that an orchestrator sees
     * "alive, not ready" while the platforms connect; then each platform with a token, each adding
     * its readiness check once started. Everything started is added to {@code started}, in order,
     * also when a later start fails.
     */
    public static void startPlatforms(BotComponents bot, Secrets secrets, List<AutoCloseable> started) {
        AtomicBoolean allUp = new AtomicBoolean();
        Optional<MonitoringServer> monitoring = bot.startMonitoring();
        monitoring.ifPresent(m -> {
            started.add(m);
            m.ready(new HealthCheck("platforms", allUp::get)); // every configured platform has started
        });
        secrets.discord().ifPresent(token -> {
            DiscordBot discord = DiscordBot.start(bot.bot(), bot.config().discord(), token, DISCORD_READY_TIMEOUT);
            started.add(discord);
            monitoring.ifPresent(m -> m.ready(new HealthCheck("discord", discord::connected)));
        });
        secrets.telegram().ifPresent(token -> {
            TelegramBot telegram = TelegramBot.start(bot.bot(), token, bot.config().telegram(),
                    secrets.telegramWebhook().orElse(null),
                    bot.config().telegram().webhook().enabled() ? bot.webhookDeliveries() : null);
            started.add(telegram);
            monitoring.ifPresent(m -> m.ready(new HealthCheck("telegram", telegram::connected)));
        });
        allUp.set(true);
    }

    /** Downloads missing template images in the background so the first meme of each template is fast. */
    private static void prefetchImages(BotComponents bot) {
        if (!bot.config().templates().prefetch() || !bot.config().templates().imagesDir().isBlank()) {
            return;
        }
        Thread prefetch = new Thread(() -> {
            var result = bot.images().prefetch(bot.catalog().all());
            if (!result.complete()) {
                log.warn("{} template images could not be downloaded yet; they are retried on first use.",
                        result.failures().size());
            }
        }, "template-prefetch");
        prefetch.setDaemon(true);
        prefetch.start();
    }

    private static void closeAll(List<AutoCloseable> platforms, BotComponents bot) {
        bot.battles().close(); // no round closes while the platforms that post its results go away
        List<AutoCloseable> reversed = new ArrayList<>(platforms);
        Collections.reverse(reversed);
        for (AutoCloseable platform : reversed) {
            try {
                platform.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", platform.getClass().getSimpleName(), e.toString());
            }
        }
        bot.close();
    }
}
