package dev.memebattle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.ConfigException;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

import static dev.memebattle.telegram.TelegramTestKit.BOT;
import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static dev.memebattle.telegram.TelegramTestKit.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End to end: the real telegrambots client, long polling our fake Bot API, through the real core. */
class TelegramBotTest {

    static final long ALICE = 1001;
    static final long BOB = 1002;
    static final long ADMIN = 1003;
    static final long STORAGE = -1009999;
    private static final AtomicLong chats = new AtomicLong(-100500);

    static BotComponents core;
    TelegramTestKit.Running running;
    FakeBotApi api;
    long group;

    @BeforeAll
    static void core() {
        core = TelegramTestKit.core();
    }

    @AfterAll
    static void closeCore() {
        core.close();
    }

    @BeforeEach
    void start() throws IOException {
        running = TelegramTestKit.start(core, FAST, Long.toString(STORAGE));
        api = running.api();
        group = chats.decrementAndGet(); // a fresh group per test: chat settings live in the shared core
        api.chatType(group, "supergroup");
        api.chatType(STORAGE, "channel");
        api.admins(group, ADMIN);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    /** The successful reply (sendPhoto, sendMessage, …) to message {@code commandId}. */
    Call replyTo(String method, int commandId) {
        return api.awaitOne(method, c -> c.params().path("reply_parameters").path("message_id").asInt() == commandId, WAIT);
    }

    /**
     * The meme posted for a command, once the bot has noted it for rerolls. Telegram users only see
     * (and can tap) a message after it is delivered; here the test could be faster than the bot's
     * bookkeeping of the reply. A later reply in the same chat is only sent after it (one send in
     * flight per chat, in order), so waiting for one closes that gap.
     */
    Call postedMeme(long user, String command) {
        Call photo = replyTo("sendPhoto", api.sendText(group, user, command));
        replyTo("sendMessage", api.sendText(group, user, "/help"));
        return photo;
    }

    static int messageId(Call call) {
        return call.result().path("message_id").asInt();
    }

    static byte[] photoBytes(Call sendPhoto) {
        return sendPhoto.attached(sendPhoto.text("photo"));
    }

    @Test
    void startsWithLongPollingForTheUpdatesItHandlesAndRegistersCommands() {
        assertThat(running.bot().username()).isEqualTo(BOT);
        Call commands = api.awaitOne("setMyCommands", c -> true, WAIT);
        List<String> names = new ArrayList<>();
        commands.params().path("commands").forEach(c -> names.add(c.path("command").asText()));
        assertThat(names).contains("meme", "templates", "memeadmin", "help");
        commands.params().path("commands").forEach(c -> assertThat(c.path("description").asText()).isNotBlank());
        assertThat(api.calls("deleteWebhook")).hasSize(1);
        int cmd = api.sendText(group, ALICE, "/help");
        replyTo("sendMessage", cmd);
        List<String> allowed = new ArrayList<>();
        api.allowedUpdates().forEach(n -> allowed.add(n.asText()));
        assertThat(allowed).contains("message", "callback_query", "inline_query", "message_reaction");
    }

    @Test
    void memeInAGroupIsAPhotoReplyWithTheCaptionAndARerollButton() throws IOException {
        int cmd = api.sendText(group, ALICE, "/meme doge wow");
        Call photo = replyTo("sendPhoto", cmd);
        assertThat(photo.chatId()).isEqualTo(group);
        assertThat(photo.text("caption")).startsWith("wow");
        byte[] jpeg = photoBytes(photo);
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg))).isNotNull();
        JsonNode button = photo.params().path("reply_markup").path("inline_keyboard").path(0).path(0);
        assertThat(button.path("text").asText()).isEqualTo("🔁");
        assertThat(button.path("callback_data").asText()).isEqualTo(Replies.REROLL_DATA);
        assertThat(button.path("callback_data").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isBetween(1, 64);
    }

    @Test
    void ownTextGetsNoRerollButtonBecauseARerollWouldChangeNothing() {
        int cmd = api.sendText(group, ALICE, "/meme drake writing tests | shipping memes");
        Call photo = replyTo("sendPhoto", cmd);
        assertThat(photo.text("caption")).contains("writing tests");
        assertThat(photo.params().path("reply_markup").isMissingNode() || photo.params().path("reply_markup").isNull())
                .as("no 🔁 on own text: " + photo.params().path("reply_markup")).isTrue();
    }

    @Test
    void commandsAddressedToTheBotByNameWorkAndToAnotherBotAreIgnored() {
        int other = api.sendText(group, ALICE, "/meme@SomeOtherBot doge wow");
        int cmd = api.sendText(group, ALICE, "/meme@" + BOT + " doge wow");
        Call photo = replyTo("sendPhoto", cmd);
        assertThat(photo.text("caption")).startsWith("wow");
        int help = api.sendText(group, ALICE, "/help@" + BOT);
        replyTo("sendMessage", help);
        assertThat(api.calls().stream()
                .filter(c -> c.params().path("reply_parameters").path("message_id").asInt() == other)).isEmpty();
    }

    @Test
    void ownTextAndUnknownTemplatesAndStartInAPrivateChat() {
        int own = api.sendText(group, ALICE, "/meme drake no | yes");
        assertThat(replyTo("sendPhoto", own).text("caption")).startsWith("no | yes");

        int unknown = api.sendText(group, ALICE, "/meme dgoge wow");
        Call suggestion = replyTo("sendMessage", api.sendText(group, ALICE, "/meme zzqqxx hello"));
        assertThat(suggestion.text("text")).contains("I don't know the template");
        assertThat(replyTo("sendPhoto", unknown).text("caption")).startsWith("wow"); // a typo is forgiven

        Call start = replyTo("sendMessage", api.sendText(ALICE, ALICE, "/start"));
        assertThat(start.chatId()).isEqualTo(ALICE);
        assertThat(start.text("text")).contains("/meme").contains("/templates");
    }

    @Test
    void aCommandInAForumTopicIsAnsweredInThatTopic() {
        int cmd = api.sendInTopic(group, ALICE, 77, "/meme doge wow");
        assertThat(replyTo("sendPhoto", cmd).params().path("message_thread_id").asInt()).isEqualTo(77);
        int plain = api.sendText(group, ALICE, "/help");
        assertThat(replyTo("sendMessage", plain).params().has("message_thread_id")).isFalse();
    }

    @Test
    void animatedTemplatesAreSentAsAnimations() {
        int cmd = api.sendText(group, ALICE, "/meme bongo sleep | alarm");
        Call gif = replyTo("sendAnimation", cmd);
        byte[] bytes = gif.attached(gif.text("animation"));
        assertThat(new String(bytes, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("GIF8");
        assertThat(gif.text("caption")).startsWith("sleep | alarm");
    }

    @Test
    void theRerollButtonIsAnsweredAndEditsTheMessageWithADifferentImage() {
        Call photo = postedMeme(ALICE, "/meme doge wow");
        int posted = messageId(photo);
        String press = api.press(group, ALICE, posted, Replies.REROLL_DATA);
        Call answer = api.awaitOne("answerCallbackQuery", c -> press.equals(c.text("callback_query_id")), WAIT);
        assertThat(answer.text("text")).isNull();
        Call edit = api.awaitOne("editMessageMedia", c -> c.params().path("message_id").asInt() == posted, WAIT);
        assertThat(edit.chatId()).isEqualTo(group);
        byte[] rerolled = edit.attached(edit.params().path("media").path("media").asText());
        assertThat(rerolled).isNotNull();
        assertThat(Arrays.equals(rerolled, photoBytes(photo))).isFalse();
        assertThat(edit.params().path("media").path("caption").asText()).startsWith("wow");
        assertThat(edit.params().path("reply_markup").path("inline_keyboard").path(0).path(0).path("callback_data")
                .asText()).isEqualTo(Replies.REROLL_DATA);
        assertThat(api.calls("answerCallbackQuery").stream().filter(c -> press.equals(c.text("callback_query_id"))))
                .hasSize(1);
    }

    @Test
    void aRerollPressedBeforeTelegramConfirmedTheUploadWaitsForItInsteadOfBeingRefused() {
        api.delayResponses("sendPhoto", Duration.ofSeconds(2));
        int cmd = api.sendText(group, ALICE, "/meme doge wow");
        // the photo is in the chat, but the bot has not heard back yet: the user already presses 🔁
        Call photo = api.awaitOne("sendPhoto", c -> !c.failed()
                && c.params().path("reply_parameters").path("message_id").asInt() == cmd, WAIT);
        int posted = messageId(photo);
        String press = api.press(group, ALICE, posted, Replies.REROLL_DATA);
        api.delayResponses("sendPhoto", Duration.ZERO);
        Call answer = api.awaitOne("answerCallbackQuery", c -> press.equals(c.text("callback_query_id")), WAIT);
        assertThat(answer.text("text")).as("not refused").isNull();
        api.awaitOne("editMessageMedia", c -> c.params().path("message_id").asInt() == posted, WAIT);
    }

    @Test
    void aRerollReactionEditsTheMessage() {
        Call photo = postedMeme(ALICE, "/meme doge wow");
        int posted = messageId(photo);
        api.react(group, ALICE, posted, "🔁");
        Call edit = api.awaitOne("editMessageMedia", c -> c.params().path("message_id").asInt() == posted, WAIT);
        assertThat(Arrays.equals(edit.attached(edit.params().path("media").path("media").asText()), photoBytes(photo)))
                .isFalse();
    }

    @Test
    void othersMayRerollOnlyWhenTheChatAllowsIt() {
        int posted = messageId(postedMeme(ALICE, "/meme doge wow"));
        String refused = api.press(group, BOB, posted, Replies.REROLL_DATA);
        Call no = api.awaitOne("answerCallbackQuery", c -> refused.equals(c.text("callback_query_id")), WAIT);
        assertThat(no.text("text")).isEqualTo(dev.memebattle.chat.Rerolls.NOT_YOURS);
        api.react(group, BOB, posted, "🔁"); // ignored too

        Call set = replyTo("sendMessage", api.sendText(group, ADMIN, "/memeadmin reroll anyone"));
        assertThat(set.text("text")).contains("Anyone can reroll");
        String allowed = api.press(group, BOB, posted, Replies.REROLL_DATA);
        api.awaitOne("answerCallbackQuery", c -> allowed.equals(c.text("callback_query_id")), WAIT);
        api.awaitOne("editMessageMedia", c -> c.params().path("message_id").asInt() == posted, WAIT);
        assertThat(api.done("editMessageMedia", c -> c.params().path("message_id").asInt() == posted)).hasSize(1);
    }

    @Test
    void onlyChatAdministratorsChangeSettingsAndTheirListIsCached() {
        api.failNext("getChatAdministrators", 1, new FakeBotApi.Failure(500, "Internal Server Error", null));
        Call unknown = replyTo("sendMessage", api.sendText(group, ADMIN, "/memeadmin templates deny doge"));
        assertThat(unknown.text("text")).isEqualTo(CommandMessages.CANNOT_CHECK_ADMINS);
        api.sendText(group, ADMIN, "/memeadmin@SomeOtherBot templates deny doge"); // not for us: no lookup, no reply

        Call refused = replyTo("sendMessage", api.sendText(group, ALICE, "/memeadmin templates deny doge"));
        assertThat(refused.text("text")).contains("Only the chat's admins");
        assertThat(replyTo("sendPhoto", api.sendText(group, ALICE, "/meme doge wow")).text("caption")).startsWith("wow");

        Call denied = replyTo("sendMessage", api.sendText(group, ADMIN, "/memeadmin templates deny doge"));
        assertThat(denied.text("text")).contains("turned off");
        Call blocked = replyTo("sendMessage", api.sendText(group, ALICE, "/meme doge wow"));
        assertThat(blocked.text("text")).contains("turned off in this chat");
        assertThat(api.done("getChatAdministrators", c -> true)).hasSize(1); // the failed lookup was not cached

        // an anonymous admin writes as the group; only admins can
        Call anonymous = replyTo("sendMessage", api.sendAsGroup(group, "/memeadmin templates allow doge"));
        assertThat(anonymous.text("text")).contains("allowed here");

        // in a private chat the user administers their own chat
        Call own = replyTo("sendMessage", api.sendText(BOB, BOB, "/memeadmin cooldown 5"));
        assertThat(own.text("text")).contains("Cooldown set");
    }

    @Test
    void inlineQueriesOfferFiveDifferentUploadedMemesWithPaging() {
        String id = api.inline(ALICE, "doge wow", "");
        Call answer = api.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), WAIT);
        JsonNode results = answer.params().path("results");
        assertThat(results.size()).isGreaterThanOrEqualTo(5);
        Set<String> files = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : results) {
            assertThat(r.path("type").asText()).isEqualTo("photo");
            String file = r.path("photo_file_id").asText();
            assertThat(api.hasFile(file)).isTrue();
            files.add(file);
            ids.add(r.path("id").asText());
            assertThat(r.path("id").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        }
        assertThat(files).hasSize(results.size());
        assertThat(ids).hasSize(results.size());
        Set<String> images = new HashSet<>();
        files.forEach(f -> images.add(Arrays.toString(api.file(f))));
        assertThat(images).hasSize(results.size()); // really different memes
        assertThat(answer.params().path("is_personal").asBoolean()).isTrue();
        assertThat(answer.params().path("cache_time").asInt()).isLessThanOrEqualTo(60);
        assertThat(answer.params().path("next_offset").asText()).isEqualTo("1");
        assertThat(api.done("sendMediaGroup", c -> c.chatId() == STORAGE)).hasSize(1);

        String next = api.inline(ALICE, "doge wow", "1");
        Call page2 = api.awaitOne("answerInlineQuery", c -> next.equals(c.text("inline_query_id")), WAIT);
        Set<String> more = new HashSet<>();
        page2.params().path("results").forEach(r -> more.add(r.path("photo_file_id").asText()));
        assertThat(more).hasSizeGreaterThanOrEqualTo(5).doesNotContainAnyElementsOf(files);

        // the same query again: the same candidates, already uploaded
        String again = api.inline(BOB, "doge wow", "");
        Call repeat = api.awaitOne("answerInlineQuery", c -> again.equals(c.text("inline_query_id")), WAIT);
        Set<String> same = new HashSet<>();
        repeat.params().path("results").forEach(r -> same.add(r.path("photo_file_id").asText()));
        assertThat(same).isEqualTo(files);
        assertThat(api.done("sendMediaGroup", c -> c.chatId() == STORAGE)).hasSize(2);
        assertThat(api.calls("answerInlineQuery").stream().filter(c -> id.equals(c.text("inline_query_id")))).hasSize(1);
    }

    @Test
    void anEmptyInlineQueryOffersPopularTemplatesAndGifsAreCachedGifs() {
        String id = api.inline(ALICE, "", "");
        Call answer = api.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), WAIT);
        List<String> titles = new ArrayList<>();
        answer.params().path("results").forEach(r -> titles.add(r.path("title").asText()));
        List<String> popular = core.catalog().all().stream().limit(titles.size()).map(t -> t.name()).toList();
        assertThat(titles).hasSizeGreaterThanOrEqualTo(5).isEqualTo(popular);

        String random = api.inline(ALICE, "random wow", "");
        Call randoms = api.awaitOne("answerInlineQuery", c -> random.equals(c.text("inline_query_id")), WAIT);
        List<String> randomTitles = new ArrayList<>();
        randoms.params().path("results").forEach(r -> {
            randomTitles.add(r.path("title").asText());
            assertThat(r.path("description").asText()).startsWith("wow");
        });
        assertThat(randomTitles).as("a different template per candidate").hasSizeGreaterThanOrEqualTo(5)
                .doesNotHaveDuplicates()
                .allSatisfy(title -> assertThat(core.catalog().all().stream()
                        .filter(t -> t.name().equals(title)).findFirst().orElseThrow().aiCapable()).isTrue());

        String gif = api.inline(ALICE, "bongo sleep", "");
        Call gifs = api.awaitOne("answerInlineQuery", c -> gif.equals(c.text("inline_query_id")), java.time.Duration.ofSeconds(60));
        assertThat(gifs.params().path("results").size()).isGreaterThanOrEqualTo(5);
        gifs.params().path("results").forEach(r -> {
            assertThat(r.path("type").asText()).isEqualTo("gif");
            assertThat(api.hasFile(r.path("gif_file_id").asText())).isTrue();
        });
    }

    @Test
    void inlineQueriesTheUserHasTypedPastAreNeitherUploadedNorAnswered() throws IOException {
        // a slow storage chat (1.5 s per upload) so that two queries wait behind the first upload
        try (TelegramTestKit.Running slow = TelegramTestKit.start(core, new dev.memebattle.config.TelegramConfig.Flood(
                1500, 1000, 1000, 1000), Long.toString(STORAGE))) {
            FakeBotApi fake = slow.api();
            fake.inline(ALICE, "doge one", ""); // answered or not, depending on how fast Alice types on
            fake.awaitOne("sendMediaGroup", c -> true, WAIT);
            String typedPast = fake.inline(ALICE, "doge one tw", "");
            String latest = fake.inline(ALICE, "doge one two", "");
            String sameAsTypedPast = fake.inline(BOB, "doge one tw", "");
            fake.awaitOne("answerInlineQuery", c -> latest.equals(c.text("inline_query_id")), WAIT);
            Call bob = fake.awaitOne("answerInlineQuery", c -> sameAsTypedPast.equals(c.text("inline_query_id")), WAIT);
            assertThat(bob.params().path("results").size()).as(bob.params().toString()).isGreaterThanOrEqualTo(5); // Alice's dropped query shared them
            assertThat(fake.calls("answerInlineQuery").stream().filter(c -> typedPast.equals(c.text("inline_query_id"))))
                    .isEmpty();
            // "one", "one two" and Bob's "one tw" (the last two may share a media group): 15 pictures, none of "tw"'s own
            assertThat(fake.done("sendMediaGroup", c -> true).stream().mapToInt(c -> c.params().path("media").size()).sum())
                    .isEqualTo(15);
        }
    }

    @Test
    void aFloodWaitOnSendPhotoIsWaitedOutAndTheMemeDeliveredOnce() {
        api.failNext("sendPhoto", 1, new FakeBotApi.Failure(429, "Too Many Requests: retry after 1", 1));
        int cmd = api.sendText(group, ALICE, "/meme doge wow");
        Call delivered = replyTo("sendPhoto", cmd);
        List<Call> attempts = api.calls("sendPhoto").stream()
                .filter(c -> c.params().path("reply_parameters").path("message_id").asInt() == cmd).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).failed()).isTrue();
        assertThat(attempts.get(1).failed()).isFalse();
        assertThat(delivered.atNanos() - attempts.get(0).atNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(api.done("sendPhoto", c -> c.chatId() == group)).hasSize(1);
    }

    @Test
    void aServerErrorOnSendPhotoIsRetriedAndTheMemeDeliveredOnce() {
        api.failNext("sendPhoto", 2, new FakeBotApi.Failure(500, "Internal Server Error", null));
        int cmd = api.sendText(group, ALICE, "/meme doge wow");
        replyTo("sendPhoto", cmd);
        List<Call> attempts = api.calls("sendPhoto").stream()
                .filter(c -> c.params().path("reply_parameters").path("message_id").asInt() == cmd).toList();
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().filter(Call::failed)).hasSize(2);
        assertThat(api.done("sendPhoto", c -> c.chatId() == group)).hasSize(1);
    }

    @Test
    void aMemeTelegramKeepsRefusingIsReportedToTheUserInsteadOfLostInSilence() {
        api.failNext("sendPhoto", 1 + SendQueue.NETWORK_RETRIES, new FakeBotApi.Failure(502, "Bad Gateway", null));
        int cmd = api.sendText(group, ALICE, "/meme doge wow");
        assertThat(replyTo("sendMessage", cmd).text("text")).isEqualTo(Replies.UNDELIVERED);
        assertThat(api.done("sendPhoto", c -> c.chatId() == group)).isEmpty();
    }

    @Test
    void badInputNeverBreaksTheBot() {
        int huge = api.sendText(group, ALICE, "/meme doge " + "x".repeat(20_000));
        int control = api.sendText(group, ALICE, "/meme doge \u0000\u202e wow\u0007\u200b");
        int unknown = api.sendText(group, ALICE, "/frobnicate now");
        api.sendText(group, ALICE, "just chatting, not a command");
        api.sendText(group, ALICE, "/");
        api.sendText(group, ALICE, "/meme@");
        int emptyMeme = api.sendText(group, ALICE, "/meme");
        api.push(json("{\"edited_message\":{\"message_id\":5,\"date\":1,\"chat\":{\"id\":" + group
                + ",\"type\":\"supergroup\"},\"text\":\"/meme doge wow\"}}"));
        api.push(json("{\"poll\":{\"id\":\"p\",\"question\":\"?\",\"options\":[],\"total_voter_count\":0,"
                + "\"is_closed\":false,\"is_anonymous\":true,\"type\":\"regular\",\"allows_multiple_answers\":false}}"));
        api.push(json("{\"message\":{\"message_id\":6,\"date\":1,\"chat\":{\"id\":" + group
                + ",\"type\":\"supergroup\"},\"photo\":[{\"file_id\":\"x\",\"file_unique_id\":\"y\",\"width\":1,\"height\":1}]}}"));
        api.push(json("{\"some_future_update\":{\"x\":1}}"));
        String stale = api.press(group, ALICE, 424242, "something-else");
        api.react(group, ALICE, 424242, "👍");
        api.react(group, ALICE, 434343, "🔁"); // not our message
        String inline = api.inline(ALICE, "\u0000" + "q".repeat(600), "not-a-number");

        assertThat(replyTo("sendMessage", huge).text("text")).contains("too much text");
        assertThat(replyTo("sendPhoto", control).text("caption")).startsWith("wow");
        assertThat(replyTo("sendMessage", unknown).text("text")).contains("Unknown command");
        // a bare /meme (what Telegram's command menu sends): a random template, maybe an animated one
        Call random = api.awaitOne(null, c -> (c.method().equalsIgnoreCase("sendPhoto") || c.method().equalsIgnoreCase("sendAnimation"))
                && c.params().path("reply_parameters").path("message_id").asInt() == emptyMeme, WAIT);
        assertThat(random.text("caption")).isNotBlank();
        Call button = api.awaitOne("answerCallbackQuery", c -> stale.equals(c.text("callback_query_id")), WAIT);
        assertThat(button.text("text")).isEqualTo(Rerolling.UNKNOWN_BUTTON);
        api.awaitOne("answerInlineQuery", c -> inline.equals(c.text("inline_query_id")), WAIT);
        // still alive and each update handled once
        replyTo("sendMessage", api.sendText(group, ALICE, "/help"));
        assertThat(api.done(null, c -> (c.method().equalsIgnoreCase("sendPhoto")
                || c.method().equalsIgnoreCase("sendAnimation")) && c.chatId() == group))
                .as("the control-character meme and the random one").hasSize(2);
        assertThat(api.calls("editMessageMedia")).isEmpty();
        List<Integer> offsets = api.offsets();
        for (int i = 1; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isGreaterThanOrEqualTo(offsets.get(i - 1));
        }
    }

    /** Each storage chat has its own flood limit: uploads take them in turn. */
    @Test
    void inlineUploadsTakeTheStorageChatsInTurn() throws IOException {
        long second = STORAGE - 1;
        try (TelegramTestKit.Running two = TelegramTestKit.start(core, FAST, STORAGE + "," + second)) {
            FakeBotApi fake = two.api();
            fake.chatType(STORAGE, "channel");
            fake.chatType(second, "channel");
            Set<String> files = new HashSet<>();
            for (String query : List.of("doge one", "doge two", "doge three", "doge four")) {
                String id = fake.inline(ALICE, query, "");
                Call answer = fake.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), WAIT);
                assertThat(answer.params().path("results").size()).isGreaterThanOrEqualTo(5);
                answer.params().path("results").forEach(r -> {
                    assertThat(fake.hasFile(r.path("photo_file_id").asText())).isTrue();
                    files.add(r.path("photo_file_id").asText());
                });
            }
            assertThat(files).hasSizeGreaterThanOrEqualTo(20);
            assertThat(fake.done("sendMediaGroup", c -> c.chatId() == STORAGE)).hasSize(2);
            assertThat(fake.done("sendMediaGroup", c -> c.chatId() == second)).hasSize(2);
        }
    }

    /**
     * With inline_images, candidates are named by URL and served by the bot itself: nothing is
     * uploaded, the images are real and distinct, and nothing else can be fetched.
     */
    @Test
    void withInlineImagesCandidatesAreServedByUrlAndNothingIsUploaded() throws Exception {
        String publicUrl = "https://memes.example/inline";
        try (TelegramTestKit.Running served = TelegramTestKit.start(core, c -> c.withInlineImages(
                new TelegramConfig.InlineImages(publicUrl + "/", "127.0.0.1", 0)))) {
            FakeBotApi fake = served.api();
            // as behind a reverse proxy that keeps the public path
            String local = "http://127.0.0.1:" + served.bot().inlineImagesPort();
            HttpClient http = HttpClient.newHttpClient();

            String id = fake.inline(ALICE, "doge wow", "");
            Call answer = fake.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), WAIT);
            JsonNode results = answer.params().path("results");
            assertThat(results.size()).isGreaterThanOrEqualTo(5);
            Set<String> images = new HashSet<>();
            List<String> urls = new ArrayList<>();
            for (JsonNode r : results) {
                assertThat(r.path("type").asText()).isEqualTo("photo");
                String url = r.path("photo_url").asText();
                assertThat(url).matches(java.util.regex.Pattern.quote(publicUrl) + "/[A-Za-z0-9_-]{22}\\.jpg");
                assertThat(r.path("thumbnail_url").asText()).isEqualTo(url);
                assertThat(r.path("description").asText()).startsWith("wow");
                HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(local + URI.create(url).getRawPath()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(got.statusCode()).isEqualTo(200);
                assertThat(got.headers().firstValue("Content-Type")).contains("image/jpeg");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(got.body()));
                assertThat(image.getWidth()).isEqualTo(r.path("photo_width").asInt());
                assertThat(image.getHeight()).isEqualTo(r.path("photo_height").asInt());
                images.add(Arrays.toString(got.body()));
                urls.add(url);
            }
            assertThat(images).as("really different memes").hasSize(results.size());

            String again = fake.inline(BOB, "doge wow", "");
            Call repeat = fake.awaitOne("answerInlineQuery", c -> again.equals(c.text("inline_query_id")), WAIT);
            List<String> same = new ArrayList<>();
            repeat.params().path("results").forEach(r -> same.add(r.path("photo_url").asText()));
            assertThat(same).as("the same memes keep their URLs").isEqualTo(urls);

            // every GIF goes by URL: drawn small enough for Telegram's 1 MB (rollsafe renders ~2.3 MB in full)
            for (String query : List.of("bongo sleep", "rollsafe wow")) {
                String gif = fake.inline(ALICE, query, "");
                Call gifs = fake.awaitOne("answerInlineQuery", c -> gif.equals(c.text("inline_query_id")), Duration.ofSeconds(60));
                assertThat(gifs.params().path("results").size()).as(query + ": GIFs go by URL").isPositive();
                assertThat(gifs.params().path("next_offset").asText()).as(query).isNotBlank();
                for (JsonNode r : gifs.params().path("results")) {
                    assertThat(r.path("type").asText()).isEqualTo("gif");
                    byte[] body = http.send(HttpRequest.newBuilder(URI.create(local + URI.create(r.path("gif_url").asText())
                            .getRawPath())).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                    assertThat(new String(body, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("GIF8");
                    assertThat(body.length).isLessThanOrEqualTo(InlineImageServer.MAX_GIF_BYTES);
                }
            }

            // nothing could be drawn: one line that says so, and no "more" that would be empty too
            String broken = fake.inline(ALICE, "doge " + TelegramTestKit.FAILING_PREFIX, "");
            Call none = fake.awaitOne("answerInlineQuery", c -> broken.equals(c.text("inline_query_id")), WAIT);
            assertThat(none.params().path("results")).hasSize(1);
            assertThat(none.params().path("results").get(0).path("type").asText()).isEqualTo("article");
            assertThat(none.params().path("results").get(0).path("description").asText())
                    .isEqualTo(InlineMemes.NOTHING_TO_SHOW);
            assertThat(none.params().path("next_offset").asText()).isEmpty();

            assertThat(fake.calls("sendMediaGroup")).isEmpty();
            assertThat(fake.calls("sendPhoto")).isEmpty();
            assertThat(fake.calls("sendAnimation")).isEmpty();
            for (String path : List.of("/AAAAAAAAAAAAAAAAAAAAAA.jpg", "/../../etc/passwd", "/", "/inline/x.jpg")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(local + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create(local + URI.create(urls.get(0)).getRawPath()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(405);
        }
    }

    @Test
    void inlineImagesNeedAnHttpsUrlTelegramCanFetch() {
        for (String bad : List.of("http://memes.example/m", "memes.example", "https://memes.example/m?x=1")) {
            assertThatThrownBy(() -> new TelegramConfig.InlineImages(bad, null, null).requireUsable())
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("telegram.inline_images.public_url");
        }
        new TelegramConfig.InlineImages("https://memes.example/m", null, null).requireUsable();
    }

    @Test
    void inlineModeWithoutAStorageChatSaysHowToTurnItOn() throws IOException {
        try (TelegramTestKit.Running plain = TelegramTestKit.start(core, FAST, "")) {
            String id = plain.api().inline(ALICE, "doge wow", "");
            Call answer = plain.api().awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), WAIT);
            assertThat(answer.params().path("results")).hasSize(1);
            assertThat(answer.params().path("results").path(0).path("type").asText()).isEqualTo("article");
            assertThat(answer.params().path("results").path(0).path("description").asText())
                    .isEqualTo(InlineMemes.NEEDS_STORAGE);
        }
    }

    @Test
    void closingStopsEveryThreadItStarted() {
        replyTo("sendMessage", api.sendText(group, ALICE, "/help"));
        running.bot().close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("telegram-"))
                    .map(Thread::getName).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && poll());
        assertThat(left).isEmpty();
    }

    /** Polling a condition, not a timing assertion. */
    private static boolean poll() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        return true;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
