package dev.memebattle.discord;

import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The core as {@link BotComponents#create} builds it, with a test caption writer: until the
 * caption model lands, AI text ignores the seed, so a reroll would draw the very same image. This
 * writer keeps the example writer's text (the prefix still comes first) and ends it with a tag from
 * the seed, so a reroll visibly changes the meme.
 */
final class SeededCoreFixture {

    private SeededCoreFixture() {
    }

    /** An AI prefix that makes the writer fail, for a problem that shows up only after the defer. */
    static final String FAILING_PREFIX = "fail on purpose";

    static final class SeededCaptionWriter implements CaptionWriter {
        private final ExampleCaptionWriter example = new ExampleCaptionWriter();
        /** The failure waits for this, so the test controls that it comes after the defer. */
        final CountDownLatch failWhenReleased = new CountDownLatch(1);

        @Override
        public List<String> write(MemeTemplate template, String prefix, long seed, FilterLevel filter) {
            if (FAILING_PREFIX.equals(prefix)) {
                try {
                    failWhenReleased.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("caption writer failed on purpose (test)");
            }
            List<String> texts = new ArrayList<>(example.write(template, prefix, seed, filter));
            int last = texts.size() - 1;
            texts.set(last, (texts.get(last) + " #" + Long.toHexString(seed & 0xffff)).strip());
            return texts;
        }
    }

    static BotComponents create(BotConfig config) {
        return BotComponents.create(config, new SeededCaptionWriter());
    }

    /** With the test's clock and scheduler (battles: deadlines move when the test says so). */
    static BotComponents create(BotConfig config, Clock clock, ScheduledExecutorService scheduler) {
        return BotComponents.create(config, new SeededCaptionWriter(), clock, scheduler);
    }
}
