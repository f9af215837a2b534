package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.BattleStatus;
import dev.memebattle.battle.LeaderboardPage;
import dev.memebattle.battle.LeaderboardScope;
import dev.memebattle.battle.ManualClock;
import dev.memebattle.battle.ManualScheduler;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.memebattle.discord.DiscordBotTest.assertNoMentions;
import static dev.memebattle.discord.DiscordBotTest.callback;
import static dev.memebattle.discord.DiscordBotTest.ephemeral;
import static dev.memebattle.discord.DiscordBotTest.followUp;
import static dev.memebattle.discord.DiscordBotTest.image;
import static dev.memebattle.discord.FakeDiscord.BOT_ID;
import static dev.memebattle.discord.FakeDiscord.CHANNEL_ID;
import static dev.memebattle.discord.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meme battles end to end: the real JDA client against the fake Discord, the real core and a
 * SQLite file, with the battle clock and scheduler moved by the test (deadlines pass when the
 * test says so; nothing waits for real minutes). Every wait is for a recorded request.
 */
class DiscordBattleTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String VOTE = DiscordBattlePosts.VOTE;

    static final FakeDiscord.User ALICE = DiscordBotTest.ALICE;
    static final FakeDiscord.User BOB = DiscordBotTest.BOB;
    static final FakeDiscord.User MOD = DiscordBotTest.MOD;
    static final FakeDiscord.User CAROL = new FakeDiscord.User("800000000000000004", "carol", false);
    static final FakeDiscord.User DAVE = new FakeDiscord.User("800000000000000005", "dave", false);
    static final FakeDiscord.User ERIN = new FakeDiscord.User("800000000000000006", "erin", false);
    static final FakeDiscord.User SELF = new FakeDiscord.User(BOT_ID, "MemeBattle", false);

    FakeDiscord discord;
    BotConfig config;
    final ManualClock clock = new ManualClock();
    ManualScheduler scheduler;
    BotComponents core;
    DiscordBot bot;

    @BeforeEach
    void connect() throws Exception {
        discord = new FakeDiscord();
        config = DiscordBotTest.config(discord, "");
        startProcess();
    }

    /** One bot process: core (with a scheduler of its own on the shared clock) and Discord session. */
    void startProcess() {
        scheduler = new ManualScheduler(clock);
        core = SeededCoreFixture.create(config, clock, scheduler);
        bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
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
    void disconnect() throws Exception {
        stopProcess();
        discord.close();
    }

    // ---- helpers ----

    static ChatOrigin origin(FakeDiscord.User user) {
        return new ChatOrigin("discord", GUILD_ID, user.id(), user.admin());
    }

    static Predicate<RecordedRequest> channelPost(String contains) {
        return r -> r.ok() && r.is("POST", "/channels/" + CHANNEL_ID + "/messages")
                && r.json().path("content").asText().contains(contains);
    }

    static Predicate<RecordedRequest> voteReaction(String messageId) {
        return r -> r.ok() && r.is("PUT", "/channels/" + CHANNEL_ID + "/messages/" + messageId + "/reactions/" + VOTE + "/@me");
    }

    /** Sends a slash command and returns its (single) answer: in the acknowledgement, or the follow-up after a defer. */
    JsonNode command(FakeDiscord.User user, String command, ObjectNode... options) throws InterruptedException {
        FakeDiscord.Sent sent = discord.slash(user, command, options);
        JsonNode ack = discord.await(callback(sent), WAIT).json();
        JsonNode answer;
        if (ack.path("type").asInt() == 4) {
            answer = ack.path("data");
        } else {
            answer = discord.await(followUp(sent), WAIT).json();
            assertThat(ephemeral(answer)).as("the follow-up keeps the defer's visibility")
                    .isEqualTo(ephemeral(ack.path("data")));
        }
        assertNoMentions(answer);
        return answer;
    }

    JsonNode battle(FakeDiscord.User user, String sub, ObjectNode... options) throws InterruptedException {
        return command(user, "battle", discord.sub(sub, options));
    }

    String startBattle(FakeDiscord.User user, ObjectNode... options) throws InterruptedException {
        JsonNode answer = battle(user, "start", options);
        assertThat(ephemeral(answer)).as("the announcement is public").isFalse();
        String text = answer.path("content").asText();
        assertThat(text).contains("Meme battle — round 1 of");
        return text;
    }

    /** Enters and returns the id of the channel message that shows the entry (once its 👍 is on). */
    String enter(FakeDiscord.User user, String text) throws Exception {
        int before = discord.requests(channelPost("entry by " + user.name() + ":")).size();
        JsonNode answer = battle(user, "enter", discord.option("text", text));
        assertThat(ephemeral(answer)).as("entering is answered privately").isTrue();
        assertThat(answer.path("content").asText()).contains("is in");
        RecordedRequest post = discord.awaitCount(channelPost("entry by " + user.name() + ":"), before + 1, WAIT).get(before);
        image(post);
        assertNoMentions(post.json());
        String messageId = post.responseId();
        discord.await(voteReaction(messageId), WAIT);
        return messageId;
    }

    /**
     * Waits until every reaction sent so far has been handled: JDA handles gateway events in order,
     * so once a later command was acknowledged the reactions before it were taken, and the bot's
     * pending count covers the votes still being stored.
     */
    void settle() throws InterruptedException {
        FakeDiscord.Sent marker = discord.slash(ERIN, "battle", discord.sub("status"));
        discord.await(DiscordBotTest.answerTo(marker), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(bot.pending()).as("votes still being stored").isZero();
    }

    int votesSoFar() {
        return core.battles().status(origin(ALICE)).map(BattleStatus::votes).orElseThrow();
    }

    Instant deadline() {
        return core.battles().status(origin(ALICE)).map(BattleStatus::deadline).orElseThrow();
    }

    // ---- tests ----

    @Test
    void registersBattleAndLeaderboardCommands() throws Exception {
        // registering is asynchronous: it may come after start() returns
        RecordedRequest put = discord.await(r -> r.ok() && r.is("PUT", "/applications/" + BOT_ID + "/commands"), WAIT);
        Map<String, JsonNode> commands = new HashMap<>();
        put.json().forEach(c -> commands.put(c.path("name").asText(), c));
        JsonNode battle = commands.get("battle");
        Map<String, JsonNode> subs = new HashMap<>();
        battle.path("options").forEach(o -> subs.put(o.path("name").asText(), o));
        assertThat(subs).containsOnlyKeys("start", "enter", "status", "cancel");
        JsonNode template = subs.get("start").path("options").get(0);
        assertThat(template.path("name").asText()).isEqualTo("template");
        assertThat(template.path("autocomplete").asBoolean()).isTrue();
        assertThat(template.path("required").asBoolean(false)).isFalse();
        List<String> startOptions = new ArrayList<>();
        subs.get("start").path("options").forEach(o -> startOptions.add(o.path("name").asText()));
        assertThat(startOptions).containsExactly("template", "minutes", "rounds");
        assertThat(battle.path("default_member_permissions").isNull() || battle.path("default_member_permissions").isMissingNode())
                .as("anyone may battle").isTrue();

        JsonNode leaderboard = commands.get("leaderboard");
        assertThat(leaderboard.path("options").get(0).path("name").asText()).isEqualTo("scope");
        List<String> scopes = new ArrayList<>();
        leaderboard.path("options").get(0).path("choices").forEach(c -> scopes.add(c.path("value").asText()));
        assertThat(scopes).containsExactly("server", "global");

        JsonNode adminBattle = null;
        for (JsonNode o : commands.get("memeadmin").path("options")) {
            if (o.path("name").asText().equals("battle")) {
                adminBattle = o;
            }
        }
        assertThat(adminBattle).isNotNull();
        List<String> adminSubs = new ArrayList<>();
        adminBattle.path("options").forEach(o -> adminSubs.add(o.path("name").asText()));
        assertThat(adminSubs).containsExactlyInAnyOrder("show", "on", "off", "minutes", "rounds", "starters");
    }

    @Test
    void aBattleFromStartToResultsAndLeaderboard() throws Exception {
        // The admin sets the default round length; others cannot.
        assertThat(command(BOB, "memeadmin", discord.group("battle", discord.sub("off"))).path("content").asText())
                .contains("Only the chat's admins");
        JsonNode minutes = command(MOD, "memeadmin", discord.group("battle",
                discord.sub("minutes", discord.option("minutes", 3))));
        assertThat(ephemeral(minutes)).isTrue();
        assertThat(minutes.path("content").asText()).contains("3 min");
        assertThat(core.battles().settings(origin(MOD)).roundMinutes()).isEqualTo(3);

        // Template from autocomplete, the server's default length.
        FakeDiscord.Sent complete = discord.autocomplete(ALICE, "battle", discord.sub("start", discord.focused("template", "drake")));
        JsonNode choices = discord.await(callback(complete), WAIT).json().path("data").path("choices");
        assertThat(choices.get(0).path("value").asText()).isEqualTo("drake");

        Instant startedAt = clock.instant();
        String announcement = startBattle(ALICE, discord.option("template", "drake"));
        assertThat(announcement).contains("Drakeposting").contains("3 min");
        assertThat(deadline()).isEqualTo(startedAt.plus(Duration.ofMinutes(3)));

        JsonNode again = battle(BOB, "start");
        assertThat(ephemeral(again)).as("a refusal is private").isTrue();
        assertThat(again.path("content").asText()).contains("already running");

        String alice = enter(ALICE, "tabs | spaces");
        String bob = enter(BOB, "light mode | dark mode");
        String carol = enter(CAROL, "");  // no text: the AI writes it all
        assertThat(discord.message(alice).content()).startsWith("Round 1 entry by alice: tabs | spaces");
        assertThat(discord.message(carol).content()).contains("entry by carol");

        discord.react(BOB, alice, VOTE);
        discord.react(CAROL, alice, VOTE);
        discord.react(DAVE, alice, VOTE);
        discord.react(BOB, alice, VOTE);     // a replayed event: still one vote
        discord.react(ALICE, alice, VOTE);   // self-vote: refused
        discord.react(SELF, alice, VOTE);    // the bot's own 👍 comes back as an event too
        discord.react(ALICE, bob, VOTE);
        discord.react(DAVE, bob, VOTE);
        discord.unreact(DAVE, bob, VOTE);    // changed his mind
        discord.react(ERIN, carol, VOTE);
        discord.react(ERIN, carol, DiscordBotTest.REROLL); // not a vote, not a rerollable meme
        settle();
        assertThat(votesSoFar()).isEqualTo(3 + 1 + 1);

        // The deadline passes; the late vote arrives before the round is closed.
        clock.set(deadline().plusSeconds(1));
        discord.react(ERIN, bob, VOTE);
        settle();
        assertThat(votesSoFar()).as("a late vote does not count").isEqualTo(5);

        scheduler.runDue();
        RecordedRequest results = discord.await(channelPost("🏁 Round 1 of 1"), WAIT);
        String summary = results.json().path("content").asText();
        assertThat(summary).contains("winner: alice with 3 votes!")
                .contains("1. alice — 3 votes, " + (3 + BattleService.WIN_BONUS) + " points")
                .contains("2. bob — 1 vote, 1 point")
                .contains("2. carol — 1 vote, 1 point")
                .contains("The battle is over");
        assertNoMentions(results.json());
        image(results);
        assertThat(results.parts().get("files[0]").filename()).isEqualTo("winner-drake.jpg");
        assertThat(discord.requests(channelPost("🏁"))).as("results posted once").hasSize(1);

        // After the close: neither a new vote nor a removed one changes anything.
        discord.react(DAVE, carol, VOTE);
        discord.unreact(BOB, alice, VOTE);
        settle();

        JsonNode board = command(BOB, "leaderboard");
        assertThat(ephemeral(board)).as("the leaderboard is public").isFalse();
        String text = board.path("content").asText();
        assertThat(text).contains("1. alice — 6 points, 1 win (1 round)")
                .contains(". bob — 1 point, 0 wins (1 round)")
                .contains(". carol — 1 point, 0 wins (1 round)");
        String global = command(BOB, "leaderboard", discord.option("scope", "global"), discord.option("page", 1))
                .path("content").asText();
        assertThat(global).startsWith("🏆 Global leaderboard").contains("1. alice — 6 points, 1 win");
        LeaderboardPage stored = core.battles().leaderboard(origin(BOB), LeaderboardScope.CHAT, 1);
        assertThat(stored.rows()).extracting(LeaderboardPage.Row::playerId, LeaderboardPage.Row::points)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ALICE.id(), 6L),
                        org.assertj.core.groups.Tuple.tuple(BOB.id(), 1L), org.assertj.core.groups.Tuple.tuple(CAROL.id(), 1L));

        // The bot said nothing in the channel about votes: only announcement, entries and results.
        List<RecordedRequest> posts = discord.requests(r -> r.is("POST", "/channels/" + CHANNEL_ID + "/messages"));
        assertThat(posts).hasSize(3 + 1);
    }

    @Test
    void aNewEntryReplacesTheOldMessageAndTheStarterCancels() throws Exception {
        assertThat(battle(BOB, "status").path("content").asText()).contains("No battle is running");
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 10), discord.option("rounds", 2));
        assertThat(deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));

        String first = enter(ALICE, "first | try");
        discord.react(BOB, first, VOTE);
        String second = enter(ALICE, "second | try");
        assertThat(second).isNotEqualTo(first);
        discord.await(r -> r.ok() && r.is("DELETE", "/channels/" + CHANNEL_ID + "/messages/" + first), WAIT);
        discord.react(CAROL, first, VOTE);  // the old message is no entry any more
        settle();
        assertThat(votesSoFar()).as("votes for the replaced entry are gone").isZero();

        // A name cannot ping anyone either.
        FakeDiscord.User everyone = new FakeDiscord.User("800000000000000007", "@everyone", false);
        battle(everyone, "enter", discord.option("text", "ping | pong"));
        RecordedRequest pinging = discord.await(r -> r.ok() && r.is("POST", "/channels/" + CHANNEL_ID + "/messages")
                && r.json().path("content").asText().contains("everyone:"), WAIT);
        assertNoMentions(pinging.json());
        assertThat(pinging.json().path("content").asText()).doesNotContain("@everyone");

        JsonNode status = battle(BOB, "status");
        assertThat(ephemeral(status)).isTrue();
        assertThat(status.path("content").asText()).contains("round 1 of 2").contains("2 entries").contains("10 min");

        JsonNode refused = battle(BOB, "cancel");
        assertThat(ephemeral(refused)).isTrue();
        assertThat(refused.path("content").asText()).contains("Only whoever started the battle");
        JsonNode cancelled = battle(ALICE, "cancel");
        assertThat(ephemeral(cancelled)).isTrue();
        RecordedRequest post = discord.await(channelPost("cancelled by alice"), WAIT);
        assertNoMentions(post.json());
        assertThat(core.battles().status(origin(ALICE))).isEmpty();

        // Battles off: refused privately.
        command(MOD, "memeadmin", discord.group("battle", discord.sub("off")));
        JsonNode off = battle(BOB, "start");
        assertThat(ephemeral(off)).isTrue();
        assertThat(off.path("content").asText()).contains("turned off");
    }

    @Test
    void anEntryPostAnswered500AfterDiscordMadeItIsStillPostedOnce() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"));
        Predicate<RecordedRequest> bobsEntry = r -> r.is("POST", "/channels/" + CHANNEL_ID + "/messages")
                && r.json().path("content").asText().contains("entry by bob:");
        discord.failAfterDoing(bobsEntry, 1, 500, "{\"message\":\"500: Internal Server Error\",\"code\":0}");

        String entry = enter(BOB, "only | once");

        List<RecordedRequest> tries = discord.requests(bobsEntry);
        assertThat(tries).extracting(RecordedRequest::status).containsExactly(500, 200);
        assertThat(tries).extracting(r -> r.json().path("nonce").asText()).doesNotContain("")
                .containsOnly(tries.get(0).json().path("nonce").asText());
        assertThat(discord.channelMessages("entry by bob:")).extracting(FakeDiscord.StoredMessage::id)
                .as("the retry got the message Discord had made, no second one").containsExactly(entry);
    }

    @Test
    void noBattleInAChannelWhereTheBotCannotPostImages() throws Exception {
        discord.denyBotInChannel(1L << 15); // Attach Files
        stopProcess();
        startProcess();
        JsonNode refused = battle(ALICE, "start", discord.option("template", "drake"));
        assertThat(ephemeral(refused)).isTrue();
        assertThat(refused.path("content").asText()).contains("I can't run a battle in this channel").contains("Attach Files");
        assertThat(core.battles().status(origin(ALICE))).isEmpty();
    }

    @Test
    void aRestartMidRoundStillClosesItAtTheDeadlineWithAllVotes() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 5), discord.option("rounds", 2));
        Instant deadline = deadline();
        String alice = enter(ALICE, "before | restart");
        String bob = enter(BOB, "also | before");
        String carol = enter(CAROL, "carol | too");
        discord.react(BOB, alice, VOTE);
        discord.react(CAROL, alice, VOTE);
        discord.react(ALICE, bob, VOTE);
        settle();

        stopProcess();
        clock.advance(Duration.ofMinutes(2));
        startProcess(); // same SQLite file, new core, new Discord session
        assertThat(discord.gatewayFrames(2)).as("logged in twice").hasSize(2);
        assertThat(discord.requests(channelPost("🏁"))).as("not due yet").isEmpty();

        // Votes on the messages posted before the restart still count.
        discord.react(DAVE, alice, VOTE);
        discord.react(ERIN, carol, VOTE);
        discord.react(CAROL, carol, VOTE); // self-vote
        settle();
        assertThat(votesSoFar()).isEqualTo(5);

        scheduler.advanceTo(deadline.minusSeconds(1));
        assertThat(discord.requests(channelPost("🏁"))).isEmpty();
        scheduler.advanceTo(deadline);
        String summary = discord.await(channelPost("🏁 Round 1 of 2"), WAIT).json().path("content").asText();
        assertThat(summary).contains("winner: alice with 3 votes!")
                .contains("1. alice — 3 votes").contains("2. bob — 1 vote").contains("2. carol — 1 vote")
                .doesNotContain("The battle is over");
        // The next round is announced by the new process in the battle's channel.
        JsonNode announced = discord.await(channelPost("round 2 of 2"), WAIT).json();
        assertNoMentions(announced);
        String round2 = announced.path("content").asText();
        assertThat(round2).contains("Drakeposting");
        assertThat(discord.requests(channelPost("🏁"))).hasSize(1);
        assertThat(core.battles().status(origin(ALICE)).orElseThrow().round()).isEqualTo(2);

        // Round 2's deadline passes while no bot runs: the next process closes it as it starts.
        String alice2 = enter(ALICE, "round | two");
        discord.react(BOB, alice2, VOTE);
        settle();
        Instant deadline2 = deadline();
        stopProcess();
        clock.set(deadline2.plus(Duration.ofMinutes(7)));
        startProcess();
        String last = discord.await(channelPost("🏁 Round 2 of 2"), WAIT).json().path("content").asText();
        assertThat(last).contains("winner: alice with 1 vote!").contains("The battle is over");
        String board = command(CAROL, "leaderboard").path("content").asText();
        assertThat(board).contains("1. alice — " + (3 + 1 + 2 * BattleService.WIN_BONUS) + " points, 2 wins (2 rounds)");
    }

    @Test
    void whileTheDiscordSessionIsClosedADueRoundWaitsForIt() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 5));
        String alice = enter(ALICE, "waits | for discord");
        discord.react(BOB, alice, VOTE);
        settle();
        Instant deadline = deadline();

        bot.close(); // the core keeps running, e.g. Discord is being restarted on its own
        scheduler.advanceTo(deadline.plusSeconds(40));
        assertThat(core.battles().status(origin(ALICE))).as("not closed: nobody could post its results").isPresent();

        bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
        scheduler.advance(Duration.ofSeconds(30)); // the core's sweep for due rounds
        String summary = discord.await(channelPost("🏁"), WAIT).json().path("content").asText();
        assertThat(summary).contains("winner: alice with 1 vote!");
        assertThat(core.battles().status(origin(ALICE))).isEmpty();
    }

    @Test
    void reactionsMadeWhileTheBotCouldNotHearThemCountOnceItIsBack() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 5));
        Instant deadline = deadline();
        String alice = enter(ALICE, "missed | votes");
        String bob = enter(BOB, "taken | back");
        discord.react(CAROL, alice, VOTE);
        discord.react(DAVE, bob, VOTE);
        settle();
        assertThat(votesSoFar()).isEqualTo(2);

        stopProcess();
        discord.reactUnseen(ERIN, alice, VOTE); // votes nobody heard of
        discord.reactUnseen(BOB, alice, VOTE);
        discord.reactUnseen(ALICE, alice, VOTE); // a self-vote stays refused
        discord.unreactUnseen(DAVE, bob, VOTE); // a vote taken back meanwhile
        int reads = discord.requests(voteReads()).size();
        startProcess();
        assertThat(discord.awaitCount(voteReads(), reads + 2, WAIT)).as("both entries' 👍 users read")
                .extracting(r -> r.segment(3)).contains(alice, bob);
        settle();
        assertThat(votesSoFar()).isEqualTo(3);

        // Discord drops the session (nothing is replayed into a new one): the bot catches up again.
        discord.reactUnseen(DAVE, bob, VOTE);
        discord.unreactUnseen(ERIN, alice, VOTE);
        discord.invalidateSession();
        discord.awaitCount(voteReads(), reads + 4, WAIT);
        settle();
        assertThat(discord.gatewayFrames(2)).as("logged in anew, not resumed").hasSize(3);
        assertThat(votesSoFar()).isEqualTo(3);

        scheduler.advanceTo(deadline);
        String summary = discord.await(channelPost("🏁"), WAIT).json().path("content").asText();
        assertThat(summary).contains("winner: alice with 2 votes!").contains("2. bob — 1 vote");
    }

    /** First pages of 👍 users (JDA pages on until a short page): one per entry and catch-up. */
    static Predicate<RecordedRequest> voteReads() {
        return r -> r.ok() && r.is("GET", "/channels/" + CHANNEL_ID + "/messages/\\d+/reactions/" + VOTE)
                && r.query() != null && r.query().matches("(.*&)?after=0(&.*)?");
    }

    @Test
    void theLeaderboardPagesWithButtons() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 5));
        List<FakeDiscord.User> players = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < LeaderboardPage.PAGE_SIZE + 2; i++) {
            FakeDiscord.User player = new FakeDiscord.User(Long.toString(830_000_000_000_000_000L + i), "player" + i, false);
            players.add(player);
            messages.add(enter(player, "player " + i + " | entry"));
        }
        for (int i = 0; i < players.size(); i++) { // everyone votes for the next one: all tie with one vote
            discord.react(players.get(i), messages.get((i + 1) % players.size()), VOTE);
        }
        settle();
        scheduler.advanceTo(deadline());
        discord.await(channelPost("🏁"), WAIT);

        JsonNode first = command(BOB, "leaderboard");
        assertThat(first.path("content").asText()).contains("(page 1/2)");
        JsonNode buttons = first.path("components").get(0).path("components");
        assertThat(buttons).hasSize(1);
        assertThat(buttons.get(0).path("custom_id").asText()).isEqualTo("leaderboard:2:server");
        String messageId = discord.answersContaining("(page 1/2)").get(0).id();

        FakeDiscord.Sent click = discord.button(CAROL, "leaderboard:2:server", messageId);
        JsonNode page2 = discord.await(callback(click), WAIT).json();
        assertThat(page2.path("type").asInt()).as("the message is updated").isEqualTo(7);
        String text = page2.path("data").path("content").asText();
        assertThat(text).contains("(page 2/2)").contains("11. ").contains("12. ").doesNotContain("\n1. ");
        assertNoMentions(page2.path("data"));
        JsonNode back = page2.path("data").path("components").get(0).path("components");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).path("custom_id").asText()).isEqualTo("leaderboard:1:server");
    }

    @Test
    void fiftyVotesAtOnceAreCountedExactlyOnce() throws Exception {
        startBattle(ALICE, discord.option("template", "drake"), discord.option("minutes", 5));
        String alice = enter(ALICE, "fifty | votes");
        List<FakeDiscord.User> voters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            voters.add(new FakeDiscord.User(Long.toString(820_000_000_000_000_000L + i), "voter" + i, false));
        }
        long sent = System.nanoTime();
        voters.forEach(v -> discord.react(v, alice, VOTE));
        voters.subList(0, 10).forEach(v -> discord.react(v, alice, VOTE)); // replays (e.g. after a resume)
        settle();
        System.out.printf("50 reaction votes (+10 replays) stored in %d ms%n", (System.nanoTime() - sent) / 1_000_000);
        assertThat(votesSoFar()).isEqualTo(50);

        scheduler.advanceTo(deadline());
        String summary = discord.await(channelPost("🏁"), WAIT).json().path("content").asText();
        assertThat(summary).contains("winner: alice with 50 votes!")
                .contains("1. alice — 50 votes, " + (50 + BattleService.WIN_BONUS) + " points");
        assertThat(core.battles().leaderboard(origin(ALICE), LeaderboardScope.CHAT, 1).rows().get(0).name()).isEqualTo("alice");
    }
}
