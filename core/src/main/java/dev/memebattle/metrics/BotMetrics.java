package dev.memebattle.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bot's own meters, named {@code memebattle.*} (Prometheus: {@code memebattle_*}). Tags are
 * bounded sets only — platform, command, outcome — never a user, chat or text, so a scrape shows
 * nobody's ids or messages and the series stay few.
 */
public final class BotMetrics {

    /** What became of a command. */
    public enum Outcome {
        /** A meme was made. */
        MEME,
        /** Any other answer (a list, a setting changed). */
        OK,
        /** Said no: unknown template, cooldown, not allowed, a picture refused. */
        REFUSED,
        /** The meme workers were full. */
        BUSY,
        /** Something broke. */
        ERROR;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public BotMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Meters that record nothing (the command line, tests that do not look at them): a composite
     * registry without members hands out no-op meters.
     */
    public static BotMetrics unscraped() {
        return new BotMetrics(new CompositeMeterRegistry());
    }

    /** Where features with meters of their own (caches, pools, queues) bind them. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A platform started: its counters exist from now on at zero, so that Prometheus's {@code rate()}
     * sees their first event too (a counter born at 1 shows no increase).
     */
    public void platformStarted(String platform, List<String> commands) {
        for (String command : commands) {
            for (Outcome outcome : Outcome.values()) {
                commandCounter(platform, command, outcome);
            }
        }
        for (String event : List.of("started", "entry", "vote")) {
            battleCounter(platform, event);
        }
        rateLimitTimer(platform);
    }

    /** A command answered: counted by outcome, its time to the answer (not yet posted) observed. */
    public void command(String platform, String command, Outcome outcome, long nanos) {
        commandCounter(platform, command, outcome).increment();
        latency("memebattle.command.latency", "From the command to its answer (before posting)", nanos,
                "platform", platform, "command", command);
    }

    /** Writing one AI caption (all its samples). */
    public void caption(long nanos) {
        latency("memebattle.caption.latency", "Writing an AI caption", nanos);
    }

    /** Drawing one meme (decoding its template picture included). */
    public void render(long nanos) {
        latency("memebattle.render.latency", "Drawing a meme", nanos);
    }

    /** Posting one meme's picture to the platform. */
    public void upload(String platform, long nanos) {
        latency("memebattle.upload.latency", "Uploading a meme's picture to the platform", nanos, "platform", platform);
    }

    /** From the user's command arriving to the meme being posted: what the user waits. */
    public void delivered(String platform, long nanos) {
        latency("memebattle.end.to.end.latency", "From a command arriving to its meme posted", nanos, "platform", platform);
    }

    /** How late the platform delivered an event (Discord: interaction created; Telegram: message date). */
    public void arrivalLag(String platform, long nanos) {
        latency("memebattle.arrival.lag", "From the platform creating an event to the bot receiving it", nanos,
                "platform", platform);
    }

    /** The platform said 429: the wait it asked for (count: how many times). */
    public void rateLimited(String platform, Duration wait) {
        rateLimitTimer(platform).record(wait);
    }

    /** A battle event: {@code started}, {@code entry} or {@code vote}. */
    public void battle(String platform, String event) {
        battleCounter(platform, event).increment();
    }

    private Counter commandCounter(String platform, String command, Outcome outcome) {
        return counters.computeIfAbsent(key("memebattle.commands", platform, command, outcome.tag()), k -> registry.counter(
                "memebattle.commands", "platform", platform, "command", command, "outcome", outcome.tag()));
    }

    private Counter battleCounter(String platform, String event) {
        return counters.computeIfAbsent(key("memebattle.battle.events", platform, event),
                k -> registry.counter("memebattle.battle.events", "platform", platform, "event", event));
    }

    private Timer rateLimitTimer(String platform) {
        return timers.computeIfAbsent(key("memebattle.rate.limit.wait", platform), k -> Timer.builder(
                "memebattle.rate.limit.wait").description("Waits a platform asked for with 429")
                .tag("platform", platform).register(registry));
    }

    private void latency(String name, String description, long nanos, String... tags) {
        // kept, not looked up per call: building a meter's id and finding it again cost more than recording
        timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).description(description).tags(tags)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(5))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static List<String> key(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return key;
    }
}
