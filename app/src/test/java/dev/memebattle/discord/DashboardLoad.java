package dev.memebattle.discord;

import dev.memebattle.battle.BattleStatus;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.cli.RunCommand;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.config.Secrets;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.monitoring.Scrape;
import dev.memebattle.telegram.TelegramLoad;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Traffic for the Grafana dashboard's picture (docs/dashboard/render.sh): the bot started as {@code run}
 * starts it, monitoring listener on a fixed port, the real JDA against the fake Discord and the real
 * Telegram client against the fake Bot API, the real caption model (models/caption-model.zip; the
 * example-text writer where it is missing), then for {@code seconds} a varying mix of commands on
 * both platforms, so that every panel has something real to show:
 * <ul>
 *     <li>Discord: 1–6 commands a second (a sine over a minute): own-text memes (a set that repeats,
 *     for render cache hits, and fresh ones), AI memes, unknown templates (refused), /templates and
 *     /leaderboard; two bursts of 150 memes at once (the queue overflows: "busy"); twice 12 follow-ups
 *     answered 429 (JDA waits and retries);</li>
 *     <li>a two-round battle of one minute a round: 5 entries and ~15 votes a round;</li>
 *     <li>Telegram: about one command a second in private chats and a group (Telegram's real pacing:
 *     1 s a chat, 20 a minute a group), a burst of 15 memes into the group (the send queue fills, then drains at 20 a minute), and
 *     4 sendPhoto calls answered 429 (flood wait 2 s).</li>
 * </ul>
 * The fakes run in this JVM: the heap panel includes what they keep (every request they answered).
 *
 * <pre>
 * mvn -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt   # this checkout, not ~/.m2
 * java -cp app/target/classes:app/target/test-classes:$(cat app/target/cp.txt) -Dmemebattle.shared.data=../shared/data \
 *      -Djava.awt.headless=true -DMEMEBATTLE_LOG_LEVEL=WARN dev.memebattle.discord.DashboardLoad [port] [seconds]
 * </pre>
 */
public final class DashboardLoad {

    private static final String[] TEMPLATES = {"drake", "doge", "fry", "buzz", "ants", "both", "afraid", "success"};
    private static final String[] TEXTS = {"writing tests | shipping memes", "tabs | spaces", "light mode | dark mode",
            "reading the docs | asking in chat", "one more feature | fixing the bug", "coffee | more coffee",
            "friday deploy | monday deploy", "yaml | json"};

    private final FakeDiscord discord;
    private final TelegramLoad telegram;
    private final BotComponents core;
    private final Random random = new Random(17);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<FakeDiscord.User> users = new ArrayList<>();

    private DashboardLoad(FakeDiscord discord, TelegramLoad telegram, BotComponents core) {
        this.discord = discord;
        this.telegram = telegram;
        this.core = core;
        for (int i = 0; i < 60; i++) {
            users.add(new FakeDiscord.User(Long.toString(860_000_000_000_000_000L + i), "user" + i, false));
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 19464;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        List<AutoCloseable> started = new ArrayList<>();
        try (FakeDiscord discord = new FakeDiscord(); TelegramLoad telegram = new TelegramLoad();
             BotComponents core = BotComponents.create(DiscordBotTest.config(discord, "")
                     .withTelegram(TelegramConfig.defaults().withApiUrl(telegram.url()))
                     .withMetrics(new MetricsConfig(port, "127.0.0.1")))) {
            try {
                RunCommand.startPlatforms(core, new Secrets("dashboard-token", TelegramLoad.TOKEN, null), started);
                core.battles().startScheduler();
                Scrape.Answer ready = Scrape.await(port, "/readyz", a -> a.status() == 200);
                System.out.println("dashboard load: metrics on http://127.0.0.1:" + port + "/metrics, readyz "
                        + ready.status() + "; " + seconds + " s of traffic");
                new DashboardLoad(discord, telegram, core).run(seconds);
            } finally {
                Collections.reverse(started);
                for (AutoCloseable c : started) {
                    c.close();
                }
            }
        }
        System.out.println("dashboard load: done");
        System.exit(0); // JDA's and the HTTP clients' non-daemon threads
    }

    private void run(int seconds) throws InterruptedException {
        Thread battle = new Thread(() -> {
            try {
                battle(seconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("dashboard load: battle stopped: " + e);
            }
        }, "dashboard-battle");
        battle.setDaemon(true);
        battle.start();

        long start = System.nanoTime();
        double discordDue = 0;
        double telegramDue = 0;
        int ticks = seconds * 10;
        int quietTail = 15 * 10; // the last 15 s: nothing new, queues drain, gauges go back
        for (int tick = 0; tick < ticks; tick++) {
            double t = tick / 10.0;
            if (tick < ticks - quietTail) {
                discordDue += (3.5 + 2.5 * Math.sin(2 * Math.PI * t / 60)) / 10;
                telegramDue += (1.0 + 0.6 * Math.sin(2 * Math.PI * t / 45 + 1)) / 10;
            }
            for (; discordDue >= 1; discordDue--) {
                discordCommand();
            }
            for (; telegramDue >= 1; telegramDue--) {
                telegramCommand();
            }
            at(tick, 0.25, ticks, () -> discordBurst(150));
            at(tick, 0.65, ticks, () -> discordBurst(150));
            at(tick, 0.35, ticks, () -> discordRateLimits(12));
            at(tick, 0.75, ticks, () -> discordRateLimits(12));
            at(tick, 0.45, ticks, () -> telegram.floodWait("sendPhoto", 4, 2));
            at(tick, 0.40, ticks, () -> telegramGroupBurst(15));
            long next = start + (tick + 1) * 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        var stats = core.memes().stats();
        System.out.printf(Locale.ROOT, "dashboard load: %d Discord requests answered, %d Telegram photos, cache hits %d,"
                        + " misses %d%n", discord.requests(r -> r.ok()).size(), telegram.photosSent(),
                stats.cacheHits(), stats.cacheMisses());
        battle.interrupt();
    }

    private static void at(int tick, double fraction, int ticks, Runnable action) {
        if (tick == (int) (ticks * fraction)) {
            action.run();
        }
    }

    private FakeDiscord.User anyone() {
        return users.get(random.nextInt(users.size()));
    }

    private String template() {
        return TEMPLATES[random.nextInt(TEMPLATES.length)];
    }

    private void discordCommand() {
        double p = random.nextDouble();
        FakeDiscord.User user = anyone();
        if (p < 0.55) { // a text people repeat: the render cache's hits
            discord.slash(user, "meme", discord.option("template", TEMPLATES[random.nextInt(3)]),
                    discord.option("text", TEXTS[random.nextInt(TEXTS.length)]));
        } else if (p < 0.70) {
            discord.slash(user, "meme", discord.option("template", template()),
                    discord.option("text", "fresh " + sequence.incrementAndGet() + " | never seen"));
        } else if (p < 0.80) { // AI text
            discord.slash(user, "meme", discord.option("template", template()));
        } else if (p < 0.89) {
            discord.slash(user, "meme", discord.option("template", "no-such-template-" + random.nextInt(5)));
        } else if (p < 0.95) {
            discord.slash(user, "templates");
        } else {
            discord.slash(user, "leaderboard");
        }
    }

    /** At once, {@code count} memes nobody asked before: more than the workers and their queue hold. */
    private void discordBurst(int count) {
        System.out.println("dashboard load: Discord burst of " + count);
        for (int i = 0; i < count; i++) {
            discord.slash(anyone(), "meme", discord.option("template", template()),
                    discord.option("text", "burst " + sequence.incrementAndGet() + " | all at once"));
        }
    }

    /** The next {@code count} follow-ups (the memes' uploads) are answered 429 with Retry-After 1 s. */
    private void discordRateLimits(int count) {
        System.out.println("dashboard load: Discord answers " + count + " uploads with 429");
        discord.fail(r -> r.is("POST", "/webhooks/" + FakeDiscord.BOT_ID + "/[^/]+"), count, 429,
                FakeDiscord.rateLimitHeaders(1.0),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.0,\"global\":false}");
    }

    private static final long GROUP = -1001234567890L;

    private void telegramCommand() {
        double p = random.nextDouble();
        long user = 7_000_000_000L + random.nextInt(40);
        long chat = random.nextDouble() < 0.1 ? GROUP : user; // private chats have the user's id
        String text;
        if (p < 0.55) {
            text = "/meme " + TEMPLATES[random.nextInt(3)] + " " + TEXTS[random.nextInt(TEXTS.length)];
        } else if (p < 0.72) {
            text = "/meme " + template() + " telegram " + sequence.incrementAndGet() + " | fresh";
        } else if (p < 0.80) {
            text = "/meme " + template();
        } else if (p < 0.90) {
            text = "/meme no-such-template-" + random.nextInt(5);
        } else {
            text = "/templates";
        }
        telegram.send(chat, user, text);
    }

    /** Memes into one group faster than Telegram lets a bot post there (20 a minute): they wait in the send queue. */
    private void telegramGroupBurst(int count) {
        System.out.println("dashboard load: Telegram group burst of " + count);
        for (int i = 0; i < count; i++) {
            telegram.send(GROUP, 7_100_000_000L + i, "/meme " + template() + " group " + sequence.incrementAndGet() + " | burst");
        }
    }

    // ---- the battle ----

    private void battle(int seconds) throws InterruptedException {
        FakeDiscord.User host = users.get(0);
        Thread.sleep(Math.min(15, seconds / 10) * 1000L);
        FakeDiscord.Sent started = discord.slash(host, "battle", discord.sub("start", discord.option("template", "drake"),
                discord.option("minutes", 1L), discord.option("rounds", 2L)));
        discord.await(DiscordBotTest.answerTo(started), Duration.ofSeconds(30));
        System.out.println("dashboard load: battle started");
        ChatOrigin origin = new ChatOrigin("discord", FakeDiscord.GUILD_ID, host.id());
        for (int round = 1; round <= 2; round++) {
            int wanted = round;
            while (core.battles().status(origin).map(BattleStatus::round).orElse(0) != wanted) {
                if (core.battles().status(origin).isEmpty() && wanted > 1) {
                    return;
                }
                Thread.sleep(500);
            }
            List<String> entries = new ArrayList<>();
            List<FakeDiscord.User> players = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                FakeDiscord.User player = users.get(i + round * 5);
                discord.slash(player, "battle", discord.sub("enter", discord.option("text",
                        TEXTS[(i + round) % TEXTS.length])));
                String prefix = "Round " + round + " entry by " + player.name() + ":";
                RecordedRequest post = discord.await(r -> r.ok() && r.is("POST", "/channels/" + FakeDiscord.CHANNEL_ID + "/messages")
                        && r.json().path("content").asText().startsWith(prefix), Duration.ofSeconds(60));
                entries.add(post.responseId());
                players.add(player);
                Thread.sleep(1500);
            }
            // votes over the next ~35 s, by people who did not enter
            for (int v = 0; v < 16; v++) {
                int entry = random.nextInt(entries.size());
                FakeDiscord.User voter = users.get(30 + (v + round * 7) % 30);
                discord.react(voter, entries.get(entry), DiscordBattlePosts.VOTE);
                Thread.sleep(1500 + random.nextInt(1500));
            }
            Optional<BattleStatus> status = core.battles().status(origin);
            System.out.println("dashboard load: battle round " + round + ": "
                    + status.map(s -> s.entries() + " entries, " + s.votes() + " votes").orElse("closed"));
        }
    }
}
