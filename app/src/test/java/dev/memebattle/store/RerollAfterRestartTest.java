package dev.memebattle.store;

import dev.memebattle.TestData;
import dev.memebattle.chat.AdminCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.cli.BotComponents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat layer on the SQL store: an admin's settings and a posted meme's reroll outlive the process. */
class RerollAfterRestartTest {

    static BotComponents bot;

    @TempDir
    Path temp;

    static final ChatOrigin ADMIN = new ChatOrigin("test", "g1", "admin", true);
    static final ChatOrigin ALICE = new ChatOrigin("test", "g1", "alice");

    @BeforeAll
    static void engine() {
        bot = BotComponents.create(TestData.config());
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    record Chat(ChatCommands commands, Rerolls rerolls) {
    }

    Chat chat(Database db) {
        SqlChatSettingsStore settings = new SqlChatSettingsStore(db, Clock.systemUTC(), Duration.ofSeconds(5));
        ChatPolicy policy = new ChatPolicy(settings, new SqlMemeCooldowns(db, Clock.systemUTC()), Clock.systemUTC());
        // new Random(): like a real process, not the same seeds after a restart
        MemeCommand memes = new MemeCommand(bot.templates(), bot.memes(), policy, new Random(),
                new dev.memebattle.picture.PictureReader(dev.memebattle.picture.PictureLimits.defaults()),
                new dev.memebattle.picture.OwnPictures(java.nio.file.Path.of("target", "test-pictures"), 1024));
        Rerolls rerolls = new Rerolls(new SqlPostedMemes(db, bot.templates(), Clock.systemUTC()), policy, memes, 2);
        return new Chat(new ChatCommands(List.of(memes, new AdminCommand(settings, bot.templates(), bot.saved())), BotMetrics.unscraped()), rerolls);
    }

    @Test
    void settingsAndRerollsSurviveARestart() {
        String url = "jdbc:sqlite:" + temp.resolve("bot.db");
        ChatReply.Posted first;
        try (Database db = Database.open(url)) {
            Chat chat = chat(db);
            chat.commands().handle(ADMIN, "/memeadmin templates deny drake", null).orElseThrow().join();
            chat.commands().handle(ADMIN, "/memeadmin reroll anyone", null).orElseThrow().join();
            first = (ChatReply.Posted) chat.commands().handle(ALICE, "/meme doge wow", null).orElseThrow().join();
            chat.rerolls().posted(ALICE, "m1", first.request());
        }
        try (Database db = Database.open(url)) {
            Chat chat = chat(db);
            ChatReply refused = chat.commands().handle(ALICE, "/meme drake a | b", null).orElseThrow().join();
            assertThat(refused.text()).contains("turned off");
            // "anyone may reroll" survived too: the admin rerolls Alice's meme
            Optional<ChatReply> again = chat.rerolls().reroll(ADMIN, "m1").join();
            assertThat(again).get().isInstanceOf(ChatReply.Posted.class);
            ChatReply.Posted second = (ChatReply.Posted) again.get();
            assertThat(second.request().template()).isEqualTo(first.request().template());
            assertThat(second.request().text()).isEqualTo(first.request().text());
            assertThat(second.request().seed()).isNotEqualTo(first.request().seed());
            chat.rerolls().reroll(ADMIN, "m1").join();
            Optional<ChatReply> third = chat.rerolls().reroll(ADMIN, "m1").join();
            assertThat(third.orElseThrow().text()).contains("rerolled 2 times");
        }
    }
}
