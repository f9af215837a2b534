package dev.memebattle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.TestData;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.BattleStatus;
import dev.memebattle.battle.EntryRef;
import dev.memebattle.battle.LeaderboardPage;
import dev.memebattle.battle.LeaderboardScope;
import dev.memebattle.battle.ManualClock;
import dev.memebattle.battle.ManualScheduler;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.memebattle.telegram.TelegramTestKit.BOT;
import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static dev.memebattle.telegram.TelegramTestKit.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Meme battles end to end on Telegram: the real telegrambots client long polling the fake Bot
 * API, the real core and a SQLite file, with the battle clock and scheduler moved by the test
 * (deadlines pass when the test says so). Every wait is for a recorded call.
 */
class TelegramBattleTest {

    static final long GROUP = -1001234567;
    static final long ALICE = 2001;
    static final long BOB = 2002;
    static final long CAROL = 2003;
    static final long DAVE = 2004;
    static final long ERIN = 2005;
    static final long ADMIN = 2009;
    static final String VOTE = BattlePosts.VOTE;

    FakeBotApi api;
    BotConfig config;
    final ManualClock clock = new ManualClock();
    ManualScheduler scheduler;
    BotComponents core;
    TelegramBot bot;

    @BeforeEach
    void connect() throws IOException {
        api = new FakeBotApi(TelegramTestKit.TOKEN, BOT);
        api.chatType(GROUP, "supergroup");
        api.admins(GROUP, ADMIN);
        config = TestData.config(); // one SQLite file for every process of the test
        startProcess();
    }

    /** One bot process: a core with its own scheduler on the shared clock, and a bot on the same fake Telegram. */
    void startProcess() {
        scheduler = new ManualScheduler(clock);
        core = BotComponents.create(config, new TelegramTestKit.SeededCaptions(), clock, scheduler);
        bot = TelegramTestKit.start(core, api, FAST, "");
        core.battles().startScheduler(); // what `run` does once the adapters are up
        scheduler.runDue();
    }

    void stopProcess() {
        if (bot != null) {
            bot.close();
            bot = null;
        }
        if (core != null) {
            core.close();
            core = null;
        }
    }

    @AfterEach
    void disconnect() {
        stopProcess();
        api.close();
    }

    // ---- helpers ----

    static String name(long user) {
        return "User" + user; // the fake's first_name
    }

    static ChatOrigin origin(long user) {
        return new ChatOrigin("telegram", Long.toString(GROUP), Long.toString(user));
    }

    static int replyId(Call call) {
        return call.params().path("reply_parameters").path("message_id").asInt(-1);
    }

    static int messageId(Call call) {
        return call.result().path("message_id").asInt();
    }

    static JsonNode button(Call call) {
        return call.params().path("reply_markup").path("inline_keyboard").path(0).path(0);
    }

    static Integer topic(Call call) {
        return call.params().has("message_thread_id") ? call.params().get("message_thread_id").asInt() : null;
    }

    /** Sends a command (in {@code topic}, or the main thread when null) and returns the bot's text answer. */
    Call command(long user, Integer topic, String text) {
        int id = topic == null ? api.sendText(GROUP, user, text) : api.sendInTopic(GROUP, user, topic, text);
        return api.awaitOne("sendMessage", c -> replyId(c) == id, WAIT);
    }

    String say(long user, String text) {
        return command(user, null, text).text("text");
    }

    Predicate<Call> results(String round) {
        return c -> c.chatId() == GROUP && c.text("caption") != null && c.text("caption").startsWith("🏁 Round " + round);
    }

    /**
     * Waits until every update sent so far has been handled: updates arrive in order, so once a
     * later command was answered the earlier ones were dispatched, and the bot's pending count
     * covers the votes still being stored.
     */
    void settle() {
        command(ERIN, null, "/battle status");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.pending() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
        assertThat(bot.pending()).as("updates still being handled").isZero();
    }

    /** Enters and returns the entry's photo message (its message id is stored by the time this returns). */
    Call enter(long user, Integer topic, String text) {
        Predicate<Call> mine = c -> c.text("caption") != null && c.text("caption").contains("entry by " + name(user) + ":");
        int before = api.done("sendPhoto", mine).size();
        int cmd = topic == null ? api.sendText(GROUP, user, "/battle enter " + text)
                : api.sendInTopic(GROUP, user, topic, "/battle enter " + text);
        Call photo = api.await("sendPhoto", mine, before + 1, WAIT).get(before);
        assertThat(replyId(photo)).isIn(cmd, -1);
        // The bot notes the message id when the send completes; a later send to the chat waits for that.
        settle();
        return photo;
    }

    /** Presses a vote button; returns the callback query id. */
    String press(long user, Call entry) {
        return api.press(GROUP, user, messageId(entry), button(entry).path("callback_data").asText());
    }

    /** The single answer to a button press. */
    String answer(String queryId) {
        Call answer = api.awaitOne("answerCallbackQuery", c -> queryId.equals(c.text("callback_query_id")), WAIT);
        return answer.text("text");
    }

    int votesSoFar() {
        return core.battles().status(origin(ALICE)).map(BattleStatus::votes).orElseThrow();
    }

    Instant deadline() {
        return core.battles().status(origin(ALICE)).map(BattleStatus::deadline).orElseThrow();
    }

    /** Waits until the entry's button shows {@code votes}. */
    void awaitButton(Call entry, int votes) {
        api.awaitOne("editMessageReplyMarkup", buttonShows(entry, votes), WAIT);
    }

    Predicate<Call> buttonShows(Call entry, int votes) {
        int message = messageId(entry);
        return c -> c.params().path("message_id").asInt() == message
                && c.params().path("reply_markup").path("inline_keyboard").path(0).path(0).path("text").asText()
                .equals(VOTE + " " + votes);
    }

    static void assertImage(Call photo) throws IOException {
        byte[] bytes = photo.attached(photo.text("photo"));
        assertThat(bytes).isNotNull();
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes))).isNotNull();
    }

    // ---- tests ----

    @Test
    void battleCommandsAreInTheCommandMenu() {
        Call commands = api.awaitOne("setMyCommands", c -> true, WAIT);
        Map<String, String> menu = new HashMap<>();
        commands.params().path("commands").forEach(c -> menu.put(c.path("command").asText(), c.path("description").asText()));
        assertThat(menu).containsKeys("battle", "leaderboard", "memeadmin", "meme");
        assertThat(menu.get("battle")).startsWith("start [template] [minutes] [rounds]");
        assertThat(menu.get("leaderboard")).contains("[server|global] [page]");
        menu.values().forEach(d -> assertThat(d.length()).isBetween(1, 256));
    }

    @Test
    void aBattleFromStartToResultsAndLeaderboard() throws IOException {
        // The admin sets the round length (Telegram says who the admins are); others cannot.
        assertThat(say(BOB, "/memeadmin battle off")).contains("Only the chat's admins");
        assertThat(say(ADMIN, "/memeadmin battle minutes 3")).contains("3 min");

        int other = api.sendText(GROUP, ALICE, "/battle@SomeOtherBot start drake");
        Instant startedAt = clock.instant();
        String announcement = say(ALICE, "/battle@" + BOT + " start drake");
        assertThat(announcement).contains("Meme battle — round 1 of 1").contains("Drakeposting").contains("3 min");
        assertThat(deadline()).isEqualTo(startedAt.plus(Duration.ofMinutes(3)));
        assertThat(api.calls().stream().filter(c -> replyId(c) == other)).as("a command for another bot").isEmpty();
        assertThat(say(BOB, "/battle start")).contains("already running");

        Call alice = enter(ALICE, null, "tabs | spaces");
        Call bob = enter(BOB, null, "light mode | dark mode");
        Call carol = enter(CAROL, null, ""); // no text: the AI writes it all
        assertThat(alice.text("caption")).startsWith("Round 1 entry by User2001: tabs | spaces");
        assertThat(alice.chatId()).isEqualTo(GROUP);
        assertThat(topic(alice)).isNull();
        assertThat(replyId(alice)).as("the entry answers the command").isNotEqualTo(-1);
        assertImage(alice);
        JsonNode voteButton = button(alice);
        assertThat(voteButton.path("text").asText()).isEqualTo(VOTE + " 0");
        String data = voteButton.path("callback_data").asText();
        assertThat(data).startsWith(BattlePosts.VOTE_DATA);
        assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(EntryRef.parse(data.substring(BattlePosts.VOTE_DATA.length())).orElseThrow().playerId())
                .isEqualTo(Long.toString(ALICE));
        assertThat(api.done("sendMessage", c -> c.text("text").contains("is in")))
                .as("each entry is one message: the photo answers the command").isEmpty();

        List<String> presses = new ArrayList<>();
        String bobForAlice = press(BOB, alice);
        String carolForAlice = press(CAROL, alice);
        api.react(GROUP, DAVE, messageId(alice), VOTE);
        String bobAgain = press(BOB, alice);
        String self = press(ALICE, alice);
        String aliceForBob = press(ALICE, bob);
        api.react(GROUP, DAVE, messageId(bob), VOTE);
        api.unreact(GROUP, DAVE, messageId(bob), VOTE); // changed his mind
        String erinForCarol = press(ERIN, carol);
        api.react(GROUP, ERIN, messageId(carol), "🔁"); // not a vote, and no rerollable meme
        api.react(GROUP, ALICE, messageId(alice), VOTE); // a self-vote by reaction: refused quietly
        presses.addAll(List.of(bobForAlice, carolForAlice, bobAgain, self, aliceForBob, erinForCarol));
        assertThat(answer(bobForAlice)).isEqualTo(BattleVotes.COUNTED);
        assertThat(answer(carolForAlice)).isEqualTo(BattleVotes.COUNTED);
        assertThat(answer(bobAgain)).isEqualTo(BattleVotes.ALREADY);
        assertThat(answer(self)).isEqualTo(BattleVotes.OWN);
        assertThat(answer(aliceForBob)).isEqualTo(BattleVotes.COUNTED);
        assertThat(answer(erinForCarol)).isEqualTo(BattleVotes.COUNTED);
        settle();
        assertThat(votesSoFar()).isEqualTo(3 + 1 + 1);
        awaitButton(alice, 3);
        awaitButton(carol, 1);

        // The deadline passes; a late vote arrives before the round is closed.
        clock.set(deadline().plusSeconds(1));
        String late = press(ERIN, bob);
        presses.add(late);
        assertThat(answer(late)).contains("closed");
        api.react(GROUP, ERIN, messageId(carol), VOTE);
        settle();
        assertThat(votesSoFar()).as("late votes do not count").isEqualTo(5);

        scheduler.runDue();
        Call results = api.awaitOne("sendPhoto", results("1 of 1"), WAIT);
        assertThat(results.text("caption")).contains("winner: User2001 with 3 votes!")
                .contains("1. User2001 — 3 votes, " + (3 + BattleService.WIN_BONUS) + " points")
                .contains("2. User2002 — 1 vote, 1 point")
                .contains("2. User2003 — 1 vote, 1 point")
                .contains("The battle is over");
        assertImage(results); // the winner's meme
        assertThat(topic(results)).isNull();
        assertThat(api.done("sendPhoto", results("")).size() + api.done("sendMessage", c -> c.text("text").startsWith("🏁")).size())
                .as("results posted once").isEqualTo(1);

        // After the close: presses are answered, nothing changes.
        String afterClose = press(DAVE, carol);
        presses.add(afterClose);
        assertThat(answer(afterClose)).contains("closed");

        String board = say(BOB, "/leaderboard");
        assertThat(board).contains("1. User2001 — 6 points, 1 win (1 round)")
                .contains(". User2002 — 1 point, 0 wins (1 round)")
                .contains(". User2003 — 1 point, 0 wins (1 round)");
        assertThat(say(BOB, "/leaderboard@" + BOT + " global 1")).startsWith("🏆 Global leaderboard")
                .contains("1. User2001 — 6 points, 1 win");
        assertThat(core.battles().leaderboard(origin(BOB), LeaderboardScope.CHAT, 1).rows())
                .extracting(LeaderboardPage.Row::playerId, LeaderboardPage.Row::points)
                .containsExactlyInAnyOrder(tuple(Long.toString(ALICE), 6L), tuple(Long.toString(BOB), 1L),
                        tuple(Long.toString(CAROL), 1L));

        for (String press : presses) {
            assertThat(api.calls("answerCallbackQuery").stream().filter(c -> press.equals(c.text("callback_query_id"))))
                    .as("press %s answered exactly once", press).hasSize(1);
        }
    }

    @Test
    void aRestartMidRoundStillClosesItAtTheDeadlineWithAllVotes() throws IOException {
        int topic = 42;
        Call started = command(ALICE, topic, "/battle start drake 5 2");
        assertThat(started.text("text")).contains("round 1 of 2");
        assertThat(topic(started)).isEqualTo(topic);
        Instant deadline = deadline();

        Call alice = enter(ALICE, topic, "before | restart");
        Call bob = enter(BOB, null, "also | before"); // from the main thread: the entry still goes to the battle's topic
        Call carol = enter(CAROL, topic, "carol | too");
        assertThat(List.of(alice, bob, carol)).allSatisfy(entry -> assertThat(topic(entry)).isEqualTo(topic));
        assertThat(replyId(bob)).as("no reply across topics").isEqualTo(-1);
        assertThat(api.done("sendMessage", c -> c.text("text").contains("entry for round 1 is in")))
                .as("Bob's command, elsewhere, is answered in text").hasSize(1);
        assertThat(answer(press(BOB, alice))).isEqualTo(BattleVotes.COUNTED);
        assertThat(answer(press(CAROL, alice))).isEqualTo(BattleVotes.COUNTED);
        assertThat(answer(press(ALICE, bob))).isEqualTo(BattleVotes.COUNTED);
        api.react(GROUP, DAVE, messageId(bob), VOTE);
        settle();
        awaitButton(bob, 2);

        stopProcess();
        clock.advance(Duration.ofMinutes(2));
        startProcess(); // same SQLite file, new core, new bot, same Telegram
        assertThat(api.calls("getMe")).as("logged in twice").hasSize(2);
        assertThat(api.done("sendPhoto", results(""))).as("not due yet").isEmpty();

        // Buttons and reactions on the messages posted before the restart still count, and the
        // buttons show the stored counts although this process never saw them before.
        int shownOne = api.done("editMessageReplyMarkup", buttonShows(bob, 1)).size();
        api.unreact(GROUP, DAVE, messageId(bob), VOTE);
        api.await("editMessageReplyMarkup", buttonShows(bob, 1), shownOne + 1, WAIT);
        assertThat(answer(press(DAVE, alice))).isEqualTo(BattleVotes.COUNTED);
        awaitButton(alice, 3);
        api.react(GROUP, ERIN, messageId(carol), VOTE);
        assertThat(answer(press(CAROL, carol))).isEqualTo(BattleVotes.OWN);
        settle();
        assertThat(votesSoFar()).isEqualTo(5);
        awaitButton(carol, 1);

        scheduler.advanceTo(deadline.minusSeconds(1));
        settle();
        assertThat(api.done("sendPhoto", results(""))).isEmpty();
        scheduler.advanceTo(deadline);
        Call results = api.awaitOne("sendPhoto", results("1 of 2"), WAIT);
        assertThat(topic(results)).isEqualTo(topic);
        assertThat(results.text("caption")).contains("winner: User2001 with 3 votes!")
                .contains("1. User2001 — 3 votes").contains("2. User2002 — 1 vote").contains("2. User2003 — 1 vote")
                .doesNotContain("The battle is over");
        // The next round is announced by the new process in the battle's topic.
        Call round2 = api.awaitOne("sendMessage", c -> c.text("text").contains("round 2 of 2"), WAIT);
        assertThat(topic(round2)).isEqualTo(topic);
        assertThat(replyId(round2)).isEqualTo(-1);
        assertThat(core.battles().status(origin(ALICE)).orElseThrow().round()).isEqualTo(2);

        // Only the starter (or an admin) cancels; the cancellation answers the command in the topic.
        assertThat(command(BOB, topic, "/battle cancel").text("text")).contains("Only whoever started the battle");
        Call cancelled = command(ALICE, topic, "/battle cancel");
        assertThat(cancelled.text("text")).isEqualTo("The meme battle was cancelled by User2001.");
        assertThat(topic(cancelled)).isEqualTo(topic);
        settle();
        assertThat(api.done("sendMessage", c -> c.text("text").contains("cancelled by"))).as("said once").hasSize(1);
        assertThat(core.battles().status(origin(ALICE))).isEmpty();
        String board = say(CAROL, "/leaderboard");
        assertThat(board).contains("1. User2001 — " + (3 + BattleService.WIN_BONUS) + " points, 1 win (1 round)");
    }

    @Test
    void anAdminCancelsSomeoneElsesBattleAndANewEntryReplacesTheOldMessage() {
        say(ALICE, "/battle start drake 10");
        Call first = enter(ALICE, null, "first | try");
        assertThat(answer(press(BOB, first))).isEqualTo(BattleVotes.COUNTED);
        Call second = enter(ALICE, null, "second | try");
        assertThat(messageId(second)).isNotEqualTo(messageId(first));
        api.awaitOne("deleteMessage", c -> c.params().path("message_id").asInt() == messageId(first), WAIT);
        api.react(GROUP, CAROL, messageId(first), VOTE); // the old message is no entry any more
        settle();
        assertThat(votesSoFar()).as("votes for the replaced entry are gone").isZero();

        assertThat(say(BOB, "/battle cancel")).contains("Only whoever started the battle");
        assertThat(say(ADMIN, "/battle cancel")).isEqualTo("The meme battle was cancelled by User2009.");
        assertThat(core.battles().status(origin(ALICE))).isEmpty();
        assertThat(say(ADMIN, "/memeadmin battle off")).contains("off");
        assertThat(say(BOB, "/battle start")).contains("turned off");
    }

    @Test
    void whileTheTelegramBotIsClosedADueRoundWaitsForIt() {
        say(ALICE, "/battle start drake 5");
        Call alice = enter(ALICE, null, "waits | for telegram");
        assertThat(answer(press(BOB, alice))).isEqualTo(BattleVotes.COUNTED);
        settle();
        Instant deadline = deadline();

        bot.close(); // the core keeps running, e.g. only Telegram is being restarted
        scheduler.advanceTo(deadline.plusSeconds(40));
        assertThat(core.battles().status(origin(ALICE))).as("not closed: nobody could post its results").isPresent();

        bot = TelegramTestKit.start(core, api, FAST, "");
        scheduler.advance(Duration.ofSeconds(30)); // the core's sweep for due rounds
        Call results = api.awaitOne("sendPhoto", results("1 of 1"), WAIT);
        assertThat(results.text("caption")).contains("winner: User2001 with 1 vote!");
        assertThat(core.battles().status(origin(ALICE))).isEmpty();
    }

    @Test
    void theLeaderboardPagesWithButtons() {
        say(ALICE, "/battle start drake 5");
        List<Call> entries = new ArrayList<>();
        int players = LeaderboardPage.PAGE_SIZE + 2;
        for (int i = 0; i < players; i++) {
            entries.add(enter(4000 + i, null, "player " + i + " | entry"));
        }
        List<String> presses = new ArrayList<>();
        for (int i = 0; i < players; i++) { // everyone votes for the next one: all tie with one vote
            presses.add(press(4000 + i, entries.get((i + 1) % players)));
        }
        presses.forEach(p -> assertThat(answer(p)).isEqualTo(BattleVotes.COUNTED));
        scheduler.advanceTo(deadline());
        api.awaitOne("sendPhoto", results("1 of 1"), WAIT);

        Call first = command(BOB, null, "/leaderboard");
        assertThat(first.text("text")).contains("(page 1/2)").contains("\n1. User4000");
        JsonNode row = first.params().path("reply_markup").path("inline_keyboard").path(0);
        assertThat(row).hasSize(1);
        assertThat(row.path(0).path("callback_data").asText()).isEqualTo("pg:leaderboard:2:server");

        String click = api.press(GROUP, CAROL, messageId(first), "pg:leaderboard:2:server");
        assertThat(answer(click)).isNull();
        Call page2 = api.awaitOne("editMessageText", c -> c.params().path("message_id").asInt() == messageId(first), WAIT);
        assertThat(page2.text("text")).contains("(page 2/2)").contains("11. ").contains("12. ").doesNotContain("\n1. ");
        JsonNode back = page2.params().path("reply_markup").path("inline_keyboard").path(0);
        assertThat(back).hasSize(1);
        assertThat(back.path(0).path("callback_data").asText()).isEqualTo("pg:leaderboard:1:server");
        assertThat(say(BOB, "/leaderboard global 2")).contains("(page 2/2)");
        assertThat(say(BOB, "/leaderboard sideways")).startsWith("Usage: /leaderboard");
    }

    @Test
    void fiftyVotesAtOnceAreCountedExactlyOnceAndEveryPressIsAnswered() {
        say(ALICE, "/battle start drake 5");
        Call alice = enter(ALICE, null, "fifty | votes");
        List<String> presses = new ArrayList<>();
        long sent = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            presses.add(press(3000 + i, alice));
        }
        for (int i = 0; i < 10; i++) { // impatient users press again
            presses.add(press(3000 + i, alice));
        }
        Map<String, Integer> texts = new HashMap<>();
        for (String press : presses) {
            texts.merge(answer(press), 1, Integer::sum);
        }
        long answered = System.nanoTime();
        settle();
        assertThat(texts).containsOnly(Map.entry(BattleVotes.COUNTED, 50), Map.entry(BattleVotes.ALREADY, 10));
        for (String press : presses) {
            assertThat(api.calls("answerCallbackQuery").stream().filter(c -> press.equals(c.text("callback_query_id"))))
                    .hasSize(1);
        }
        assertThat(votesSoFar()).isEqualTo(50);
        awaitButton(alice, 50);
        int edits = api.done("editMessageReplyMarkup", c -> c.params().path("message_id").asInt() == messageId(alice)).size();
        System.out.printf("50 button votes (+10 repeats) answered in %d ms; the button was edited %d times%n",
                (answered - sent) / 1_000_000, edits);

        scheduler.advanceTo(deadline());
        Call results = api.awaitOne("sendPhoto", results("1 of 1"), WAIT);
        assertThat(results.text("caption")).contains("winner: User2001 with 50 votes!")
                .contains("1. User2001 — 50 votes, " + (50 + BattleService.WIN_BONUS) + " points");
        assertThat(core.battles().leaderboard(origin(ALICE), LeaderboardScope.CHAT, 1).rows().get(0).name())
                .isEqualTo("User2001");
    }
}
