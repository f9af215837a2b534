package dev.memebattle.telegram;

import dev.memebattle.TestData;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.TelegramConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** The core with template images from ../shared/data, and a bot on a fake Bot API. */
final class TelegramTestKit {

    static final String TOKEN = "123456:TEST-token";
    static final String BOT = "MemeBattleBot";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Fast limits for tests that are not about pacing. */
    static final TelegramConfig.Flood FAST = new TelegramConfig.Flood(5, 1000, 1000, 1000);

    private TelegramTestKit() {
    }

    /**
     * Like {@link BotComponents#create} but with a caption writer whose text depends on the seed,
     * as the caption model's does (the fallback writer ignores it): a reroll or another inline
     * candidate then really is a different image.
     */
    static BotComponents core() {
        return BotComponents.create(TestData.config(), new SeededCaptions());
    }

    /** An AI start that makes the caption writer fail (a model that breaks), for the answers to that. */
    static final String FAILING_PREFIX = "fail on purpose";

    /** The example text with the prefix in front (as the fallback writer), plus words picked by the seed. */
    static final class SeededCaptions implements CaptionWriter {
        private static final String[] WORDS = {"much", "very", "so", "such", "many", "wow", "amaze", "excite",
                "scare", "concern", "plz", "fast", "shibe", "doge", "moon", "bark"};
        private final ExampleCaptionWriter example = new ExampleCaptionWriter();

        @Override
        public List<String> write(dev.memebattle.template.MemeTemplate template, String prefix, long seed,
                                  dev.memebattle.caption.FilterLevel filter) {
            if (prefix.startsWith(FAILING_PREFIX)) {
                throw new IllegalStateException("a caption failure the test asked for");
            }
            List<String> texts = new ArrayList<>(example.write(template, prefix, seed, filter));
            if (!texts.isEmpty()) {
                int last = texts.size() - 1;
                Random r = new Random(seed);
                // two words (256 pairs) alone collided now and then between two seeds: a reroll test
                // then saw the same image; the seed's low bits make the text differ for real
                texts.set(last, (texts.get(last) + " " + WORDS[r.nextInt(WORDS.length)] + " "
                        + WORDS[r.nextInt(WORDS.length)] + " " + Long.toString(seed & 0xFFFFF, 36)).strip());
            }
            return texts;
        }
    }

    /** A fake Bot API and our bot connected to it. */
    record Running(FakeBotApi api, TelegramBot bot) implements AutoCloseable {
        @Override
        public void close() {
            bot.close(); // before the server, as on a real shutdown
            api.close();
        }
    }

    static Running start(BotComponents core, TelegramConfig.Flood flood, String storageChat) throws IOException {
        FakeBotApi api = new FakeBotApi(TOKEN, BOT);
        try {
            return new Running(api, start(core, api, flood, storageChat));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /**
     * A fake Bot API and our bot with settings of the test's (on top of the fast defaults, no storage chat,
     * no warm inline candidates: tests count uploads, and ask for warming where they test it).
     */
    static Running start(BotComponents core, UnaryOperator<TelegramConfig> settings) throws IOException {
        FakeBotApi api = new FakeBotApi(TOKEN, BOT);
        try {
            TelegramConfig config = settings.apply(TelegramConfig.defaults().withApiUrl(api.url()).withFlood(FAST)
                    .withInlineWarmTemplates(0));
            return new Running(api, TelegramBot.start(core.bot(), TOKEN, config));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** A bot on an existing fake (a restarted process talks to the same Telegram); no warm inline candidates. */
    static TelegramBot start(BotComponents core, FakeBotApi api, TelegramConfig.Flood flood, String storageChat) {
        TelegramConfig config = TelegramConfig.defaults().withApiUrl(api.url()).withFlood(flood).withInlineWarmTemplates(0)
                .withStorageChats(storageChat.isEmpty() ? List.of() : List.of(storageChat.split(",")));
        return TelegramBot.start(core.bot(), TOKEN, config);
    }
}
