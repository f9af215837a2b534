package dev.memebattle.discord;

import dev.memebattle.MultipartForm;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.TestData;
import dev.memebattle.chat.ChatSettings;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ChatConfig;
import dev.memebattle.config.DiscordConfig;
import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.memebattle.discord.FakeDiscord.BOT_ID;
import static dev.memebattle.discord.FakeDiscord.CHANNEL_ID;
import static dev.memebattle.discord.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real JDA client against our fake Discord: one session shared by all tests (login takes a
 * few seconds); each test waits for the requests it expects, never for a fixed time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordBotTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String REROLL = "\uD83D\uDD01";
    static final int REROLL_LIMIT = 2;

    static final FakeDiscord.User ALICE = new FakeDiscord.User("800000000000000001", "alice", false);
    static final FakeDiscord.User BOB = new FakeDiscord.User("800000000000000002", "bob", false);
    static final FakeDiscord.User MOD = new FakeDiscord.User("800000000000000003", "mod", true);

    FakeDiscord discord;
    BotComponents core;
    DiscordBot bot;
    ListAppender<ILoggingEvent> logs;
    final List<Throwable> uncaught = new ArrayList<>();
    Thread.UncaughtExceptionHandler previousHandler;

    static BotConfig config(FakeDiscord discord, String devGuild) {
        return TestData.config()
                .withChat(new ChatConfig(REROLL_LIMIT))
                .withDiscord(new DiscordConfig(discord.restUrl(), discord.gatewayUrl(), devGuild).withCdnUrl(discord.cdnUrl()));
    }

    @BeforeAll
    void connect() throws Exception {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            synchronized (uncaught) {
                uncaught.add(e);
            }
        });
        discord = new FakeDiscord();
        core = SeededCoreFixture.create(config(discord, ""));
        bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
    }

    @AfterEach
    void settle() throws InterruptedException {
        awaitIdle();
        discord.clearFaults();
        core.settings().update("discord:" + GUILD_ID, s -> ChatSettings.DEFAULTS);
    }

    @AfterAll
    void disconnect() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (core != null) {
            core.close();
        }
        discord.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    /** Waits until the bot has answered everything it accepted (bounded; a poll, not an assertion). */
    void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(bot.pending()).as("replies still running").isZero();
    }

    // ---- request matchers ----

    static Predicate<RecordedRequest> callback(FakeDiscord.Sent sent) {
        return r -> r.is("POST", "/interactions/" + sent.id() + "/" + sent.token() + "/callback");
    }

    static Predicate<RecordedRequest> followUp(FakeDiscord.Sent sent) {
        return r -> r.ok() && r.is("POST", "/webhooks/" + BOT_ID + "/" + sent.token());
    }

    /** The answer the user sees: the acknowledgement itself (an answer ready at once) or the follow-up after a defer. */
    static Predicate<RecordedRequest> answerTo(FakeDiscord.Sent sent) {
        return r -> r.ok() && (followUp(sent).test(r) || callback(sent).test(r) && r.json().path("type").asInt() == 4);
    }

    /** The message of an answer, whichever way it came ({@link #answerTo}). */
    static JsonNode message(RecordedRequest answer) {
        return answer.is("POST", "/interactions/.*") ? answer.json().path("data") : answer.json();
    }

    /** An answer that needs no waiting is the acknowledgement itself: one request, not a defer and a follow-up. */
    JsonNode immediateAnswer(FakeDiscord.Sent sent) throws InterruptedException {
        JsonNode ack = discord.await(callback(sent), WAIT).json();
        assertThat(ack.path("type").asInt()).as("answered in the acknowledgement").isEqualTo(4);
        return ack.path("data");
    }

    static Predicate<RecordedRequest> editOfOriginal(FakeDiscord.Sent sent) {
        return r -> r.ok() && r.is("PATCH", "/webhooks/" + BOT_ID + "/" + sent.token() + "/messages/@original");
    }

    static Predicate<RecordedRequest> reaction(String messageId) {
        return r -> r.ok() && r.is("PUT", "/channels/" + CHANNEL_ID + "/messages/" + messageId + "/reactions/" + REROLL + "/@me");
    }

    static Predicate<RecordedRequest> edit(String messageId) {
        return r -> r.ok() && r.is("PATCH", "/webhooks/" + BOT_ID + "/[^/]+/messages/" + messageId);
    }

    static Predicate<RecordedRequest> replyTo(String messageId) {
        return r -> r.ok() && r.is("POST", "/channels/" + CHANNEL_ID + "/messages")
                && messageId.equals(r.json().path("message_reference").path("message_id").asText());
    }

    static BufferedImage image(RecordedRequest request) throws IOException {
        assertThat(request.multipart()).as("multipart upload").isTrue();
        MultipartForm.Part file = request.parts().get("files[0]");
        assertThat(file).as("files[0] part").isNotNull();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.data()));
        assertThat(image).as("decodable image").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
        return image;
    }

    static boolean ephemeral(JsonNode payload) {
        return (payload.path("flags").asInt(0) & 64) != 0;
    }

    static void assertNoMentions(JsonNode payload) {
        assertThat(payload.has("allowed_mentions")).as("allowed_mentions present: " + payload).isTrue();
        assertThat(payload.path("allowed_mentions").path("parse")).as("no mention types").isEmpty();
        assertThat(payload.path("allowed_mentions").path("users")).isEmpty();
        assertThat(payload.path("allowed_mentions").path("roles")).isEmpty();
    }

    FakeDiscord.Sent meme(FakeDiscord.User user, String template, String text) {
        return text == null
                ? discord.slash(user, "meme", discord.option("template", template))
                : discord.slash(user, "meme", discord.option("template", template), discord.option("text", text));
    }

    /** Posts a meme and returns the id of the message that shows it (after the 🔁 was added). */
    String postedMeme(FakeDiscord.User user, String template, String text) throws InterruptedException {
        FakeDiscord.Sent sent = meme(user, template, text);
        String id = discord.await(followUp(sent), WAIT).responseId();
        discord.await(reaction(id), WAIT);
        return id;
    }

    String adminCommand(FakeDiscord.User user, com.fasterxml.jackson.databind.node.ObjectNode option)
            throws InterruptedException {
        FakeDiscord.Sent sent = discord.slash(user, "memeadmin", option);
        JsonNode answer = immediateAnswer(sent);
        assertThat(ephemeral(answer)).as("admin answers are private").isTrue();
        return answer.path("content").asText();
    }

    List<String> autocomplete(String command, com.fasterxml.jackson.databind.node.ObjectNode... options)
            throws InterruptedException {
        FakeDiscord.Sent sent = discord.autocomplete(ALICE, command, options);
        JsonNode answer = discord.await(callback(sent), WAIT).json();
        assertThat(answer.path("type").asInt()).isEqualTo(8);
        JsonNode choices = answer.path("data").path("choices");
        List<String> values = new ArrayList<>();
        for (JsonNode c : choices) {
            assertThat(c.path("name").asText()).hasSizeBetween(1, 100);
            values.add(c.path("value").asText());
        }
        return values;
    }

    // ---- tests ----

    @Test
    void logsInAndRegistersTheSlashCommands() throws Exception {
        assertThat(discord.requests(r -> r.is("GET", "/users/@me"))).isNotEmpty();
        JsonNode identify = discord.gatewayFrames(2).get(0).path("d");
        assertThat(identify.path("intents").asInt()).as("GUILDS + GUILD_MESSAGE_REACTIONS + DIRECT_MESSAGE_REACTIONS only")
                .isEqualTo(1 | (1 << 10) | (1 << 13));
        assertThat(identify.path("token").asText()).isEqualTo("fake-token");

        // registering is asynchronous: it may come after start() returns
        RecordedRequest put = discord.await(r -> r.ok() && r.is("PUT", "/applications/" + BOT_ID + "/commands"), WAIT);
        Map<String, JsonNode> commands = new java.util.HashMap<>();
        put.json().forEach(c -> commands.put(c.path("name").asText(), c));
        // every declared command, /battleadmin (= /memeadmin battle) and /help included
        assertThat(commands).containsOnlyKeys("meme", "templates", "memeadmin", "battle", "leaderboard", "battleadmin", "help",
                SlashCommands.MAKE_A_MEME);
        assertThat(commands.get(SlashCommands.MAKE_A_MEME).path("type").asInt()).as("a message command").isEqualTo(3);
        JsonNode meme = commands.get("meme");
        assertThat(meme.path("options").get(0).path("name").asText()).isEqualTo("template");
        assertThat(meme.path("options").get(0).path("autocomplete").asBoolean()).isTrue();
        assertThat(meme.path("options").get(0).path("required").asBoolean(false)).isFalse();
        assertThat(meme.path("options").get(2).path("type").asInt()).as("an attachment").isEqualTo(11);
        assertThat(meme.path("options").get(1).path("name").asText()).isEqualTo("text");
        assertThat(meme.path("options").get(1).path("required").asBoolean(false)).isFalse();
        JsonNode admin = commands.get("memeadmin");
        assertThat(admin.path("default_member_permissions").asText()).as("Manage Server").isEqualTo("32");
        Set<String> adminOptions = new java.util.HashSet<>();
        admin.path("options").forEach(o -> adminOptions.add(o.path("name").asText()));
        assertThat(adminOptions).containsExactlyInAnyOrder("templates", "battle", "cooldown", "filter", "reroll");
        for (String command : List.of("meme", "templates", "memeadmin", "battle", "leaderboard")) {
            List<Integer> contexts = new ArrayList<>();
            commands.get(command).path("contexts").forEach(c -> contexts.add(c.asInt()));
            assertThat(contexts).as(command + ": servers (0), and direct messages with the bot (1) for memes")
                    .isEqualTo(command.equals("meme") || command.equals("templates") ? List.of(0, 1) : List.of(0));
        }
    }

    @Test
    void memeWithAPrefixIsDeferredThenPostedWithTheImageAndARerollReaction() throws Exception {
        long sentAt = System.nanoTime();
        FakeDiscord.Sent sent = meme(ALICE, "doge", "wow");
        RecordedRequest defer = discord.await(callback(sent), WAIT);
        // Discord's contract: an interaction not acknowledged within 3 s is lost.
        assertThat(Duration.ofNanos(defer.atNanos() - sentAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(defer.json().path("type").asInt()).as("deferred channel message").isEqualTo(5);
        assertThat(ephemeral(defer.json().path("data"))).isFalse();

        RecordedRequest post = discord.await(followUp(sent), WAIT);
        assertThat(post.atNanos()).isGreaterThan(defer.atNanos());
        assertThat(image(post).getWidth()).isGreaterThan(100);
        JsonNode payload = post.json();
        assertThat(payload.path("content").asText()).startsWith("Doge: wow");
        assertThat(ephemeral(payload)).isFalse();
        assertNoMentions(payload);
        assertThat(post.parts().get("files[0]").filename()).isEqualTo("doge.jpg");

        String messageId = post.responseId();
        discord.await(reaction(messageId), WAIT);
        assertThat(discord.createdBy(sent.token())).hasSize(1);
    }

    @Test
    void ownTextGoesIntoTheBoxes() throws Exception {
        FakeDiscord.Sent sent = meme(ALICE, "drake", "tabs | spaces");
        RecordedRequest post = discord.await(followUp(sent), WAIT);
        image(post);
        assertThat(post.json().path("content").asText()).isEqualTo("Drakeposting: tabs | spaces");
    }

    @Test
    void textCannotPingAnyone() throws Exception {
        FakeDiscord.Sent sent = meme(ALICE, "drake", "@everyone | <@" + BOB.id() + "> <@&" + FakeDiscord.ADMIN_ROLE + ">");
        RecordedRequest post = discord.await(followUp(sent), WAIT);
        JsonNode payload = post.json();
        assertNoMentions(payload);
        assertThat(payload.path("content").asText()).doesNotContain("@everyone");
    }

    @Test
    void ownTextGetsNoRerollBecauseARerollWouldChangeNothing() throws Exception {
        FakeDiscord.Sent sent = meme(ALICE, "drake", "writing tests | shipping memes");
        String messageId = discord.await(followUp(sent), WAIT).responseId();
        postedMeme(ALICE, "doge", "wow"); // a later AI meme gets its 🔁: the own-text one had its chance
        awaitIdle();
        assertThat(discord.requests(reaction(messageId))).as("no 🔁 on own text").isEmpty();
    }

    @Test
    void anUnknownTemplateGetsAPrivateSuggestion() throws Exception {
        FakeDiscord.Sent sent = meme(ALICE, "shibe", "wow");
        JsonNode answer = immediateAnswer(sent);
        assertThat(ephemeral(answer)).isTrue();
        assertThat(answer.path("content").asText()).startsWith("I don't know the template").contains("Did you mean: doge");
        assertNoMentions(answer);
    }

    @Test
    void aProblemThatShowsUpAfterThePublicDeferIsAnsweredPrivately() throws Exception {
        FakeDiscord.Sent sent = meme(ALICE, "doge", SeededCoreFixture.FAILING_PREFIX);
        JsonNode defer = discord.await(callback(sent), WAIT).json();
        assertThat(ephemeral(defer.path("data"))).as("the core could not know yet").isFalse();
        ((SeededCoreFixture.SeededCaptionWriter) core.captions()).failWhenReleased.countDown();
        discord.await(r -> r.ok() && r.is("DELETE", "/webhooks/" + BOT_ID + "/" + sent.token() + "/messages/@original"), WAIT);
        JsonNode answer = discord.await(followUp(sent), WAIT).json();
        assertThat(ephemeral(answer)).isTrue();
        assertThat(answer.path("content").asText()).contains("went wrong");
        RecordedRequest deleted = discord.requests(r -> r.is("DELETE", "/webhooks/.*/" + sent.token() + "/.*")).get(0);
        assertThat(deleted.atNanos()).isLessThan(discord.requests(followUp(sent)).get(0).atNanos());
    }

    @Test
    void inDirectMessagesMemesTemplatesAndRerollsWorkButBattlesNeedAServer() throws Exception {
        FakeDiscord.Sent sent = discord.slashInDm(BOB, "meme", discord.option("template", "doge"),
                discord.option("text", "wow"));
        RecordedRequest meme = discord.await(followUp(sent), WAIT);
        image(meme);
        assertThat(meme.json().path("content").asText()).startsWith("Doge: wow");
        assertNoMentions(meme.json());
        String messageId = meme.responseId();
        discord.await(r -> r.ok() && r.is("PUT", "/channels/" + FakeDiscord.DM_CHANNEL_ID + "/messages/" + messageId
                + "/reactions/" + REROLL + "/@me"), WAIT);

        discord.reactInDm(BOB, messageId, REROLL);
        RecordedRequest edited = discord.await(edit(messageId), WAIT);
        image(edited);
        assertThat(edited.parts().get("files[0]").data()).isNotEqualTo(meme.parts().get("files[0]").data());

        FakeDiscord.Sent complete = discord.autocompleteInDm(BOB, "meme", discord.focused("template", "dog"));
        JsonNode choices = discord.await(callback(complete), WAIT).json().path("data").path("choices");
        assertThat(choices.get(0).path("value").asText()).isEqualTo("doge");

        FakeDiscord.Sent battle = discord.slashInDm(BOB, "battle", discord.sub("status"));
        JsonNode refused = discord.await(callback(battle), WAIT).json();
        assertThat(refused.path("data").path("content").asText()).contains("only works in a server");
        assertThat(ephemeral(refused.path("data"))).isTrue();
        awaitIdle();
    }

    @Test
    void aRandomTemplateIsPickedAmongTheAllowedOnes() throws Exception {
        String messageId = postedMeme(ALICE, MemeCommand.RANDOM, "wow");
        String content = discord.message(messageId).content();
        String name = content.substring(0, content.indexOf(": "));
        MemeTemplate picked = core.catalog().all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(picked.aiCapable()).as("the model knows it").isTrue();
        assertThat(content).startsWith(name + ": wow");
        assertThat(discord.message(messageId).image()).isNotNull();
    }

    @Test
    void autocompleteOffersAtMost25RankedTemplates() throws Exception {
        List<String> any = autocomplete("meme", discord.focused("template", ""));
        assertThat(any).hasSize(25).doesNotHaveDuplicates();
        assertThat(any.get(0)).as("a random template first").isEqualTo(MemeCommand.RANDOM);
        assertThat(autocomplete("meme", discord.focused("template", "Rand")).get(0)).isEqualTo(MemeCommand.RANDOM);
        List<String> dog = autocomplete("meme", discord.focused("template", "dog"), discord.option("text", "wow"));
        assertThat(dog).isNotEmpty().hasSizeLessThanOrEqualTo(25);
        assertThat(dog.get(0)).isEqualTo("doge");
        List<String> expected = core.catalog().search("dog", 25).stream().map(m -> m.template().key()).toList();
        assertThat(dog).isEqualTo(expected);
    }

    @Test
    void theRequesterRerollsAndTheMessageIsEditedWithANewImage() throws Exception {
        String messageId = postedMeme(ALICE, "doge", "wow");
        byte[] first = discord.message(messageId).image();

        discord.react(BOB, messageId, REROLL);   // not Bob's meme: told so, in a reply that goes away again
        RecordedRequest refusal = discord.await(replyTo(messageId), WAIT);
        assertThat(refusal.json().path("content").asText()).isEqualTo(dev.memebattle.chat.Rerolls.NOT_YOURS);
        assertNoMentions(refusal.json());
        discord.react(ALICE, messageId, REROLL);
        RecordedRequest edited = discord.await(edit(messageId), WAIT);
        image(edited);
        byte[] second = edited.parts().get("files[0]").data();
        assertThat(second).isNotEqualTo(first);
        assertThat(edited.json().path("content").asText()).startsWith("Doge: wow");
        assertNoMentions(edited.json());
        awaitIdle();
        assertThat(discord.requests(edit(messageId))).as("Bob's reaction changed nothing").hasSize(1);
        assertThat(discord.requests(r -> r.is("DELETE", ".*/reactions/.*"))).as("no Manage Messages: 🔁s stay").isEmpty();
    }

    @Test
    void withManageMessagesTheBotTakesEachRerollBackSoTheNextPressWorks() throws Exception {
        discord.allowBotInChannel(FakeDiscord.MANAGE_MESSAGES);
        try {
            String messageId = postedMeme(ALICE, "doge", "wow");
            discord.react(BOB, messageId, REROLL); // not Bob's meme: refused, and his 🔁 taken back too
            discord.await(replyTo(messageId), WAIT);
            discord.react(ALICE, messageId, REROLL);
            discord.await(edit(messageId), WAIT);
            List<RecordedRequest> takenBack = discord.awaitCount(r -> r.is("DELETE", ".*/reactions/.*"), 2, WAIT);
            assertThat(takenBack).extracting(RecordedRequest::status).containsOnly(204);
            assertThat(takenBack).extracting(RecordedRequest::path).containsExactlyInAnyOrder(
                    "/channels/" + CHANNEL_ID + "/messages/" + messageId + "/reactions/" + REROLL + "/" + ALICE.id(),
                    "/channels/" + CHANNEL_ID + "/messages/" + messageId + "/reactions/" + REROLL + "/" + BOB.id());
            awaitIdle();
            assertThat(discord.requests(r -> r.is("DELETE", ".*/reactions/.*"))).hasSize(2);
        } finally {
            discord.allowBotInChannel(0);
        }
    }

    @Test
    void othersRerollOnlyWhenTheServerAllowsAnyone() throws Exception {
        String messageId = postedMeme(ALICE, "doge", "wow");
        assertThat(adminCommand(MOD, discord.sub("reroll", discord.option("who", "anyone")))).contains("Anyone");
        discord.react(BOB, messageId, REROLL);
        image(discord.await(edit(messageId), WAIT));
    }

    @Test
    void rerollsStopAtTheLimitWithAShortReply() throws Exception {
        String messageId = postedMeme(ALICE, "doge", "wow");
        for (int i = 1; i <= REROLL_LIMIT; i++) {
            discord.react(ALICE, messageId, REROLL);
            discord.awaitCount(edit(messageId), i, WAIT);
        }
        discord.react(ALICE, messageId, REROLL);
        RecordedRequest refusal = discord.await(replyTo(messageId), WAIT);
        assertThat(refusal.json().path("content").asText()).contains("rerolled " + REROLL_LIMIT + " times");
        assertThat(refusal.json().path("message_reference").path("message_id").asText()).isEqualTo(messageId);
        assertNoMentions(refusal.json());
        awaitIdle();
        assertThat(discord.requests(edit(messageId))).hasSize(REROLL_LIMIT);
    }

    @Test
    void ifTheMessageCannotBeEditedTheRerollIsPostedAsAReply() throws Exception {
        String messageId = postedMeme(ALICE, "doge", "wow");
        discord.fail(r -> r.is("PATCH", "/webhooks/.*"), 1, 404, Map.of(), "{\"message\":\"Unknown Message\",\"code\":10008}");
        discord.react(ALICE, messageId, REROLL);
        RecordedRequest reply = discord.await(replyTo(messageId), WAIT);
        image(reply);
        assertThat(reply.json().path("message_reference").path("message_id").asText()).isEqualTo(messageId);
        discord.await(reaction(reply.responseId()), WAIT);
    }

    @Test
    void onlyAdminsDenyTemplatesAndADeniedTemplateIsRefusedAndHidden() throws Exception {
        var denyDoge = discord.group("templates", discord.sub("deny", discord.option("template", "doge")));
        assertThat(adminCommand(BOB, denyDoge)).contains("Only the chat's admins");
        assertThat(core.settings().get("discord:" + GUILD_ID).denied()).isEmpty();

        assertThat(adminCommand(MOD, discord.group("templates", discord.sub("deny", discord.option("template", "doge")))))
                .contains("turned off");
        FakeDiscord.Sent refused = meme(ALICE, "doge", "wow");
        JsonNode answer = immediateAnswer(refused);
        assertThat(answer.path("content").asText()).contains("turned off in this chat");
        assertThat(ephemeral(answer)).isTrue();

        assertThat(autocomplete("meme", discord.focused("template", "dog"))).isNotEmpty().doesNotContain("doge");
        assertThat(autocomplete("meme", discord.focused("template", ""))).hasSize(25).doesNotContain("doge");
        // the admin's "allow" needs to offer it
        assertThat(autocomplete("memeadmin", discord.group("templates",
                discord.sub("allow", discord.focused("template", "dog"))))).contains("doge");
        assertThat(adminCommand(MOD, discord.group("templates", discord.sub("list")))).contains("doge");
    }

    @Test
    void cooldownAndFilterSubcommandsReachTheServerSettings() throws Exception {
        assertThat(adminCommand(MOD, discord.sub("cooldown", discord.option("seconds", 30)))).contains("30 s");
        assertThat(adminCommand(MOD, discord.sub("filter", discord.option("level", "strict")))).contains("strict");
        ChatSettings settings = core.settings().get("discord:" + GUILD_ID);
        assertThat(settings.cooldownSeconds()).isEqualTo(30);
        assertThat(settings.filter()).isEqualTo(dev.memebattle.caption.FilterLevel.STRICT);

        image(discord.await(followUp(meme(ALICE, "drake", "first | fine")), WAIT));
        FakeDiscord.Sent second = meme(ALICE, "drake", "second | too soon");
        JsonNode answer = immediateAnswer(second);
        assertThat(answer.path("content").asText()).contains("Slow down");
        assertThat(ephemeral(answer)).isTrue();
    }

    @Test
    void templatesListIsPrivateAndPaged() throws Exception {
        FakeDiscord.Sent sent = discord.slash(ALICE, "templates", discord.option("query", "dog"));
        JsonNode answer = immediateAnswer(sent);
        assertThat(ephemeral(answer)).isTrue();
        assertThat(answer.path("content").asText()).contains("doge");

        FakeDiscord.Sent all = discord.slash(ALICE, "templates");
        JsonNode page1 = immediateAnswer(all);
        assertThat(page1.path("content").asText()).contains("page 1/");
        String next = page1.path("components").get(0).path("components").get(0).path("custom_id").asText();
        assertThat(next).isEqualTo("templates:2:");
        FakeDiscord.Sent click = discord.button(ALICE, next, discord.createdBy(all.token()).get(0).id());
        JsonNode page2 = discord.await(callback(click), WAIT).json();
        assertThat(page2.path("type").asInt()).as("update the message").isEqualTo(7);
        assertThat(page2.path("data").path("content").asText()).contains("page 2/");
        List<String> buttons = new ArrayList<>();
        page2.path("data").path("components").get(0).path("components").forEach(b -> buttons.add(b.path("custom_id").asText()));
        assertThat(buttons).containsExactly("templates:1:", "templates:3:");

        FakeDiscord.Sent example = discord.slash(ALICE, "templates", discord.option("example", "drake"));
        RecordedRequest shown = discord.await(followUp(example), WAIT);
        image(shown);
        assertThat(ephemeral(shown.json())).isTrue();
    }

    @Test
    void rateLimitAndServerErrorOnTheUploadStillDeliverExactlyOnce() throws Exception {
        Predicate<RecordedRequest> upload = r -> r.is("POST", "/webhooks/" + BOT_ID + "/[^/]+") && r.multipart();
        discord.fail(upload, 1, 429, FakeDiscord.rateLimitHeaders(0.3),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.3,\"global\":false}");
        discord.fail(upload, 1, 500, Map.of(), "{\"message\":\"500: Internal Server Error\",\"code\":0}");
        FakeDiscord.Sent sent = meme(ALICE, "doge", "persistent");
        // JDA waits out the 429 itself; after the 500 ours retries as an edit of the deferred message
        RecordedRequest edit = discord.await(editOfOriginal(sent), WAIT);
        image(edit);
        awaitIdle();
        List<RecordedRequest> attempts = discord.requests(r -> r.is("POST", "/webhooks/" + BOT_ID + "/" + sent.token()));
        assertThat(attempts).extracting(RecordedRequest::status).containsExactly(429, 500);
        assertThat(discord.createdBy(sent.token())).hasSize(1);
        assertThat(discord.createdBy(sent.token()).get(0).image()).isEqualTo(edit.parts().get("files[0]").data());
    }

    /**
     * A 500 that hides an answer Discord did post: the retry must not post the meme a second time.
     * Discord made that first follow-up the deferred message, so the retry edits it instead.
     */
    @Test
    void aServerErrorAfterTheAnswerLandedDoesNotPostItTwice() throws Exception {
        discord.failAfterDoing(r -> r.is("POST", "/webhooks/" + BOT_ID + "/[^/]+") && r.multipart(), 1, 500,
                "{\"message\":\"500: Internal Server Error\",\"code\":0}");
        FakeDiscord.Sent sent = meme(ALICE, "doge", "only once");
        image(discord.await(editOfOriginal(sent), WAIT));
        awaitIdle();
        List<FakeDiscord.StoredMessage> answers = discord.createdBy(sent.token());
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).image()).isNotNull();
        String messageId = answers.get(0).id();
        discord.await(reaction(messageId), WAIT);
        assertThat(discord.requests(reaction(messageId))).hasSize(1);
    }

    @Test
    void aGatewayCloseMidRequestResumesAndTheMemesStillArrive() throws Exception {
        int resumesBefore = discord.gatewayFrames(6).size();
        int identifiesBefore = discord.gatewayFrames(2).size();
        FakeDiscord.Sent before = meme(ALICE, "doge", "before the close");
        discord.closeGateway(4000);
        FakeDiscord.Sent during = meme(BOB, "drake", "sent while | disconnected");
        image(discord.await(followUp(before), WAIT));
        image(discord.await(followUp(during), WAIT));
        assertThat(discord.gatewayFrames(6)).hasSize(resumesBefore + 1);
        assertThat(discord.gatewayFrames(2)).as("resumed, not re-identified").hasSize(identifiesBefore);
        assertThat(discord.createdBy(before.token())).hasSize(1);
        assertThat(discord.createdBy(during.token())).hasSize(1);
    }

    @Test
    void aBurstOf200CommandsIsAnsweredCompletely() throws Exception {
        int errorsBefore = errors().size();
        List<FakeDiscord.Sent> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            FakeDiscord.User user = new FakeDiscord.User(Long.toString(810_000_000_000_000_000L + i), "user" + i, false);
            sent.add(meme(user, i % 2 == 0 ? "drake" : "doge", "burst " + i + " | ok"));
        }
        int memes = 0;
        int busy = 0;
        for (FakeDiscord.Sent s : sent) {
            RecordedRequest answer = discord.await(answerTo(s), Duration.ofSeconds(60));
            if (answer.multipart()) {
                image(answer);
                memes++;
            } else {
                assertThat(message(answer).path("content").asText()).contains("busy");
                assertThat(ephemeral(message(answer))).isTrue();
                busy++;
            }
        }
        awaitIdle();
        for (FakeDiscord.Sent s : sent) {
            assertThat(discord.requests(answerTo(s))).as("one answer per command").hasSize(1);
            assertThat(discord.requests(callback(s))).as("one acknowledgement per command").hasSize(1);
        }
        assertThat(memes + busy).isEqualTo(200);
        assertThat(memes).isGreaterThan(0);
        System.out.printf("burst of 200: %d memes, %d busy%n", memes, busy);
        assertThat(errors().subList(errorsBefore, errors().size())).isEmpty();
        synchronized (uncaught) {
            assertThat(uncaught).isEmpty();
        }
    }

    List<String> errors() {
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).collect(Collectors.toList());
    }
}
