package dev.memebattle.chat;

import dev.memebattle.TestData;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.metrics.BotMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat rules through the real engine: admin settings, cooldowns, rerolls. */
class AdminAndRerollTest {

    BotComponents bot;
    ChatSettingsStore settings;
    MutableClock clock;
    ChatPolicy policy;
    MemeCommand memes;
    Rerolls rerolls;
    ChatCommands chat;

    static final ChatOrigin ADMIN = new ChatOrigin("test", "guild-1", "admin", true);
    static final ChatOrigin ALICE = new ChatOrigin("test", "guild-1", "alice");
    static final ChatOrigin BOB = new ChatOrigin("test", "guild-1", "bob");

    /** A clock the test moves by hand, for cooldowns without sleeping. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        bot = BotComponents.create(TestData.config());
        settings = new InMemoryChatSettingsStore();
        clock = new MutableClock();
        policy = new ChatPolicy(settings, new InMemoryMemeCooldowns(), clock);
        memes = new MemeCommand(bot.templates(), bot.memes(), policy, new Random(1),
                new dev.memebattle.picture.PictureReader(dev.memebattle.picture.PictureLimits.defaults()),
                new dev.memebattle.picture.OwnPictures(java.nio.file.Path.of("target", "test-pictures"), 1024));
        rerolls = new Rerolls(new InMemoryPostedMemes(100), policy, memes, 2);
        chat = new ChatCommands(List.of(memes, new AdminCommand(settings, bot.templates(), bot.saved())), BotMetrics.unscraped());
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    ChatReply send(ChatOrigin who, String message) {
        return chat.handle(who, message, null).orElseThrow().join();
    }

    static String text(ChatReply reply) {
        assertThat(reply).isInstanceOfAny(ChatReply.Text.class, ChatReply.Refused.class);
        return reply.text();
    }

    @Test
    void onlyAdminsChangeSettings() {
        assertThat(text(send(ALICE, "/memeadmin templates deny doge"))).contains("Only the chat's admins");
        assertThat(settings.get(ALICE.chatKey()).denied()).isEmpty();
        assertThat(send(ALICE, "/meme doge a | b")).isInstanceOf(ChatReply.Posted.class);
    }

    @Test
    void aDeniedTemplateIsRefusedAndHiddenUntilReset() {
        assertThat(text(send(ADMIN, "/memeadmin templates deny doge"))).contains("turned off");
        assertThat(text(send(ALICE, "/meme doge a | b"))).contains("turned off in this chat");
        assertThat(policy.permits(ALICE, bot.catalog().byKey("doge").orElseThrow())).isFalse();
        assertThat(text(send(ADMIN, "/memeadmin templates list"))).contains("doge");
        // another chat is not affected
        assertThat(send(new ChatOrigin("test", "guild-2", "alice"), "/meme doge a | b")).isInstanceOf(ChatReply.Posted.class);
        send(ADMIN, "/memeadmin templates reset");
        assertThat(send(ALICE, "/meme doge a | b")).isInstanceOf(ChatReply.Posted.class);
    }

    @Test
    void resetWithATemplateIsRefusedRatherThanReAllowingEverything() {
        send(ADMIN, "/memeadmin templates deny doge");
        send(ADMIN, "/memeadmin templates deny drake");
        ChatReply refused = send(ADMIN, "/memeadmin templates reset doge");
        assertThat(refused).isInstanceOf(ChatReply.Refused.class);
        assertThat(refused.text()).contains("\"doge\"", "Usage: /memeadmin");
        assertThat(text(send(ADMIN, "/memeadmin templates list"))).contains("doge", "drake");
    }

    @Test
    void allowAfterDenyTurnsItBackOn() {
        send(ADMIN, "/memeadmin templates deny Doge");
        send(ADMIN, "/memeadmin templates allow doge");
        assertThat(send(ALICE, "/meme doge a | b")).isInstanceOf(ChatReply.Posted.class);
    }

    @Test
    void unknownTemplateAndBadArgumentsGetUsage() {
        assertThat(text(send(ADMIN, "/memeadmin templates deny cat"))).contains("Did you mean");
        assertThat(text(send(ADMIN, "/memeadmin cooldown soon"))).contains("Usage");
        assertThat(text(send(ADMIN, "/memeadmin"))).startsWith("Usage: /memeadmin templates").doesNotContain("/memeadmin /memeadmin");
        assertThat(text(send(ADMIN, "/memeadmin filter maximum"))).contains("Usage");
        assertThat(text(send(ADMIN, "/memeadmin"))).contains("Usage");
    }

    @Test
    void cooldownRefusesUntilItPassesButNotForAdmins() {
        send(ADMIN, "/memeadmin cooldown 30");
        assertThat(send(ALICE, "/meme drake a | b")).isInstanceOf(ChatReply.Posted.class);
        assertThat(text(send(ALICE, "/meme drake c | d"))).contains("30 s");
        assertThat(send(BOB, "/meme drake c | d")).isInstanceOf(ChatReply.Posted.class);
        clock.now = clock.now.plus(Duration.ofSeconds(12));
        assertThat(text(send(ALICE, "/meme drake c | d"))).contains("18 s");
        clock.now = clock.now.plus(Duration.ofSeconds(18));
        assertThat(send(ALICE, "/meme drake c | d")).isInstanceOf(ChatReply.Posted.class);
        assertThat(send(ADMIN, "/meme drake e | f")).isInstanceOf(ChatReply.Posted.class);
        assertThat(send(ADMIN, "/meme drake g | h")).isInstanceOf(ChatReply.Posted.class);
    }

    @Test
    void filterLevelGoesIntoTheRequest() {
        send(ADMIN, "/memeadmin filter strict");
        ChatReply.Posted posted = (ChatReply.Posted) send(ALICE, "/meme doge wow");
        assertThat(posted.request().filter()).isEqualTo(FilterLevel.STRICT);
    }

    ChatReply.Posted post(ChatOrigin who, String message, String messageId) {
        ChatReply.Posted posted = (ChatReply.Posted) send(who, message);
        rerolls.posted(who, messageId, posted.request());
        return posted;
    }

    @Test
    void theRequesterRerollsWithANewSeedAndSameTemplateAndPrefix() {
        ChatReply.Posted first = post(ALICE, "/meme doge wow", "m1");
        Optional<ChatReply> again = rerolls.reroll(ALICE, "m1").join();
        assertThat(again).isPresent().get().isInstanceOf(ChatReply.Posted.class);
        ChatReply.Posted second = (ChatReply.Posted) again.get();
        assertThat(second.meme().template().key()).isEqualTo("doge");
        assertThat(second.request().text()).isEqualTo(first.request().text());
        assertThat(second.request().seed()).isNotEqualTo(first.request().seed());
    }

    @Test
    void othersAreToldNoUnlessTheChatAllowsAnyone() {
        post(ALICE, "/meme doge wow", "m1");
        assertThat(rerolls.reroll(BOB, "m1").join()).contains(new ChatReply.Refused(Rerolls.NOT_YOURS));
        send(ADMIN, "/memeadmin reroll anyone");
        assertThat(rerolls.reroll(BOB, "m1").join()).get().isInstanceOf(ChatReply.Posted.class);
    }

    @Test
    void unknownMessagesAreIgnored() {
        assertThat(rerolls.reroll(ALICE, "not-ours").join()).isEmpty();
    }

    @Test
    void rerollsAreLimitedPerMessageEvenWhenTheyArriveTogether() {
        post(ALICE, "/meme doge wow", "m1");
        List<CompletableFuture<Optional<ChatReply>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(rerolls.reroll(ALICE, "m1"));
        }
        long rerolled = all.stream().map(CompletableFuture::join)
                .filter(r -> r.isPresent() && r.get() instanceof ChatReply.Posted).count();
        assertThat(rerolled).isEqualTo(2);
        assertThat(text(rerolls.reroll(ALICE, "m1").join().orElseThrow())).contains("rerolled 2 times");
    }

    @Test
    void aRerollOfANowDeniedTemplateIsRefused() {
        post(ALICE, "/meme doge wow", "m1");
        send(ADMIN, "/memeadmin templates deny doge");
        assertThat(text(rerolls.reroll(ALICE, "m1").join().orElseThrow())).contains("turned off");
    }
}
