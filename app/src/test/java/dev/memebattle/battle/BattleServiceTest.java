package dev.memebattle.battle;

import dev.memebattle.TestData;
import dev.memebattle.battle.BattleAdminCommand;
import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.Outcome;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.battle.LeaderboardCommand;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.engine.MemeText;
import dev.memebattle.store.Database;
import dev.memebattle.store.SqlBattleStore;
import dev.memebattle.store.SqlChatSettingsStore;
import dev.memebattle.store.SqlMemeCooldowns;
import dev.memebattle.store.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Battles through the chat commands, with the real engine, a real database (SQLite file; also
 * PostgreSQL when available) and a hand-moved clock driving the real scheduling code.
 */
class BattleServiceTest {

    static BotComponents bot;

    @TempDir
    Path temp;

    static final ChatOrigin ALICE = new ChatOrigin("test", "g1", "alice");
    static final ChatOrigin BOB = new ChatOrigin("test", "g1", "bob");
    static final ChatOrigin CAROL = new ChatOrigin("test", "g1", "carol");
    static final ChatOrigin DAVE = new ChatOrigin("test", "g1", "dave");
    static final ChatOrigin ERIN = new ChatOrigin("test", "g1", "erin");
    static final ChatOrigin ADMIN = new ChatOrigin("test", "g1", "admin", true);

    @BeforeAll
    static void engine() {
        bot = BotComponents.create(TestData.config());
    }

    @AfterAll
    static void stopEngine() {
        bot.close();
    }

    /** One bot process: its own pool, service and scheduler on the shared database and clock. */
    final class Process implements AutoCloseable {
        final Database db;
        final ManualScheduler scheduler;
        final RecordingEvents events = new RecordingEvents();
        final BattleService battles;
        final ChatCommands chat;
        final BattleCommand battleCommand;

        Process(TestDatabase target, ManualClock clock) {
            this(target, clock, Duration.ZERO);
        }

        Process(TestDatabase target, ManualClock clock, Duration catchUp) {
            db = target.open();
            scheduler = new ManualScheduler(clock);
            ChatPolicy policy = new ChatPolicy(new SqlChatSettingsStore(db, clock, Duration.ofSeconds(5)),
                    new SqlMemeCooldowns(db, clock), clock);
            battles = new BattleService(new SqlBattleStore(db, bot.templates()), bot.memes(), bot.templates(), policy, events, clock, scheduler,
                    new Random(42), BotMetrics.unscraped());
            battleCommand = new BattleCommand(battles, bot.templates(), clock);
            chat = new ChatCommands(List.of(battleCommand,
                    new LeaderboardCommand(battles), new BattleAdminCommand(battles)), BotMetrics.unscraped());
            battles.startScheduler(catchUp);
            scheduler.runDue(); // what a real scheduler does at once: recovery
        }

        ChatReply send(ChatOrigin who, String message) {
            return chat.handle(who, message, null).orElseThrow().join();
        }

        String text(ChatOrigin who, String message) {
            ChatReply reply = send(who, message);
            return reply instanceof ChatReply.Page page ? page.text() : reply.text();
        }

        /** Enters and, like an adapter, posts the entry as message "msg-PLAYER". */
        EntryPosted enter(ChatOrigin who, String text) {
            String reply = text(who, ("/battle enter " + text).strip());
            assertThat(reply).contains("is in");
            EntryPosted posted = events.entries.get(events.entries.size() - 1);
            assertThat(posted.entry().playerId()).isEqualTo(who.userId());
            battles.entryMessage(posted.entry(), "msg-" + who.userId());
            return posted;
        }

        Outcome<BattleService.Vote> voteByReaction(ChatOrigin voter, ChatOrigin author) {
            return battles.voteOnMessage(voter, "msg-" + author.userId()).orElseThrow();
        }

        @Override
        public void close() {
            battles.close();
            scheduler.shutdownNow();
            db.close();
        }
    }

    static boolean counted(Outcome<BattleService.Vote> r) {
        return r instanceof Outcome.Ok<BattleService.Vote> ok && ok.value().counted();
    }

    static String refusal(Outcome<?> r) {
        assertThat(r).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused<?>) r).reason();
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void threePlayersEnterVoteAndTheDeadlineDecides(TestDatabase.Kind kind) {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp); Process bot1 = new Process(target, clock)) {
            for (ChatOrigin who : List.of(ALICE, BOB, CAROL)) {
                bot1.battles.rememberName(who, who.userId().substring(0, 1).toUpperCase() + who.userId().substring(1));
            }
            String announcement = bot1.text(ALICE, "/battle start doge 5");
            assertThat(announcement).contains("round 1 of 1", "Doge", "5 min");
            Instant deadline = clock.instant().plus(Duration.ofMinutes(5));

            EntryPosted alice = bot1.enter(ALICE, "wow");
            assertThat(alice.request().text()).isEqualTo(new MemeText.Ai("wow"));
            assertThat(alice.meme().caption()).startsWith("wow");
            assertThat(alice.meme().template().key()).isEqualTo("doge");
            assertThat(alice.caption()).contains("Alice");
            EntryPosted bob = bot1.enter(BOB, "such | test");
            assertThat(bob.request().text()).isEqualTo(new MemeText.Own(List.of("such", "test")));
            EntryPosted carol = bot1.enter(CAROL, "");
            assertThat(carol.request().text()).isEqualTo(new MemeText.Ai(""));
            assertThat(carol.meme().aiWritten()).isTrue();

            // a vote for Bob's first entry is dropped when he replaces it
            assertThat(counted(bot1.voteByReaction(ERIN, BOB))).isTrue();
            clock.advance(Duration.ofMinutes(1));
            EntryPosted bob2 = bot1.enter(BOB, "much | better");
            assertThat(bob2.replaced()).isTrue();
            assertThat(bot1.battles.voteOnMessage(ERIN, "msg-unknown")).isEmpty();

            assertThat(counted(bot1.voteByReaction(BOB, ALICE))).isTrue();
            assertThat(counted(bot1.battles.vote(CAROL, EntryRef.parse(alice.entry().token()).orElseThrow()))).isTrue();
            assertThat(counted(bot1.voteByReaction(DAVE, ALICE))).isTrue();
            assertThat(counted(bot1.voteByReaction(ALICE, BOB))).isTrue();
            assertThat(counted(bot1.voteByReaction(DAVE, BOB))).isTrue();
            assertThat(refusal(bot1.voteByReaction(ALICE, ALICE))).contains("own entry");
            Outcome<BattleService.Vote> again = bot1.voteByReaction(BOB, ALICE);
            assertThat(again).isInstanceOf(Outcome.Ok.class);
            assertThat(counted(again)).isFalse();
            assertThat(((Outcome.Ok<BattleService.Vote>) again).value().votes()).isEqualTo(3);
            // a vote from another chat does not count here
            assertThat(refusal(bot1.battles.vote(new ChatOrigin("test", "g2", "zed"), alice.entry()))).contains("closed");

            assertThat(bot1.text(CAROL, "/battle status")).contains("round 1 of 1", "3 entries", "5 votes", "closes in 4 min");
            // what an adapter compares with the platform's reactions after it may have missed some
            assertThat(bot1.battles.postedEntries("test"))
                    .extracting(PostedEntry::messageId, PostedEntry::voterIds)
                    .containsExactlyInAnyOrder(tuple("msg-alice", Set.of("bob", "carol", "dave")),
                            tuple("msg-bob", Set.of("alice", "dave")), tuple("msg-carol", Set.of()));
            assertThat(bot1.battles.postedEntries("test")).extracting(PostedEntry::chat)
                    .containsOnly(new BattleChat("test", ALICE.chatId()));
            assertThat(bot1.battles.postedEntries("discord")).isEmpty();

            // the deadline passes; before the scheduler gets to run, a late vote is refused
            clock.set(deadline.plusMillis(1));
            assertThat(refusal(bot1.voteByReaction(ERIN, CAROL))).contains("closed");
            assertThat(bot1.events.closed).isEmpty();
            bot1.scheduler.runDue();
            assertThat(bot1.events.closed).hasSize(1);
            assertThat(bot1.battles.postedEntries("test")).as("nothing to catch up on once closed").isEmpty();
            assertThat(refusal(bot1.voteByReaction(DAVE, CAROL))).contains("closed");
            assertThat(bot1.text(ALICE, "/battle enter too late")).contains("No battle round is open");

            RoundClosed results = bot1.events.closed.get(0);
            assertThat(results.battleOver()).isTrue();
            assertThat(results.ranking()).extracting(Placing::playerId).containsExactly("alice", "bob", "carol");
            assertThat(results.ranking()).extracting(Placing::votes).containsExactly(3, 2, 0);
            assertThat(results.ranking()).extracting(Placing::place).containsExactly(1, 2, 3);
            assertThat(results.ranking()).extracting(Placing::points).containsExactly(3 + BattleService.WIN_BONUS, 2, 0);
            assertThat(results.winners()).extracting(Placing::playerName).containsExactly("Alice");
            assertThat(results.winnerMeme()).isPresent();
            assertThat(results.winnerMeme().get().caption()).isEqualTo(alice.meme().caption());
            assertThat(results.summary()).contains("winner: Alice with 3 votes", "2. Bob — 2 votes, 2 points");

            String board = bot1.text(DAVE, "/leaderboard");
            assertThat(board).contains("1. Alice — 6 points, 1 win", "2. Bob — 2 points, 0 wins", "3. Carol — 0 points");
            assertThat(bot1.text(DAVE, "/leaderboard global")).contains("Global", "1. Alice — 6 points");
            assertThat(bot1.text(new ChatOrigin("test", "g2", "zed"), "/leaderboard")).contains("no battles finished");
            assertThat(bot1.text(BOB, "/battle status")).contains("No battle is running");
        }
    }

    /**
     * A process stops in the middle of round 1; a new one on the same database takes votes and
     * closes the round at its deadline with every vote. It stops again and round 2's deadline
     * passes while nothing runs: the next start closes it at once.
     */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void roundsCloseOnTimeAcrossRestarts(TestDatabase.Kind kind) {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            Instant deadline1;
            try (Process first = new Process(target, clock)) {
                ChatReply started = first.battleCommand.run(ALICE, "channel-7", first.battleCommand.parse("start drake 10 2")).join();
                assertThat(started.text()).contains("round 1 of 2");
                deadline1 = clock.instant().plus(Duration.ofMinutes(10));
                first.enter(ALICE, "old | new");
                first.enter(BOB, "a | b");
                assertThat(counted(first.voteByReaction(CAROL, ALICE))).isTrue();
                clock.advance(Duration.ofMinutes(3));
            }
            try (Process second = new Process(target, clock)) {
                assertThat(second.events.closed).isEmpty();
                assertThat(counted(second.voteByReaction(DAVE, ALICE))).isTrue();
                assertThat(counted(second.voteByReaction(ALICE, BOB))).isTrue();
                second.scheduler.advanceTo(deadline1.minusMillis(1));
                assertThat(second.events.closed).isEmpty();
                second.scheduler.advanceTo(deadline1);
                assertThat(second.events.closed).hasSize(1);
                RoundClosed round1 = second.events.closed.get(0);
                assertThat(round1.battleOver()).isFalse();
                assertThat(round1.ranking()).extracting(Placing::playerId, Placing::votes)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", 2), org.assertj.core.groups.Tuple.tuple("bob", 1));
                assertThat(second.events.started).hasSize(1);
                RoundStarted round2 = second.events.started.get(0);
                assertThat(round2.round()).isEqualTo(2);
                assertThat(round2.template().key()).isEqualTo("drake");
                assertThat(round2.chat()).isEqualTo(new BattleChat("test", "g1", "channel-7"));
                assertThat(round1.chat().channel()).isEqualTo("channel-7");
                assertThat(round2.deadline()).isEqualTo(deadline1.plus(Duration.ofMinutes(10)));
                second.enter(CAROL, "x | y");
                second.enter(DAVE, "p | q");
                assertThat(counted(second.voteByReaction(ALICE, CAROL))).isTrue();
            }
            clock.advance(Duration.ofHours(1)); // nothing runs while round 2's deadline passes
            try (Process third = new Process(target, clock)) {
                assertThat(third.events.closed).hasSize(1);
                RoundClosed round2 = third.events.closed.get(0);
                assertThat(round2.round()).isEqualTo(2);
                assertThat(round2.battleOver()).isTrue();
                assertThat(round2.chat().channel()).isEqualTo("channel-7");
                assertThat(round2.winners()).extracting(Placing::playerId).containsExactly("carol");
                assertThat(third.text(ALICE, "/leaderboard")).contains("1. alice — 5 points, 1 win", "2. carol — 4 points, 1 win");
                assertThat(third.scheduler.pending()).isEqualTo(1); // only the periodic sweep is left
            }
        }
    }

    /**
     * Votes cast before the deadline while no bot ran wait at the platform; after the restart they
     * are taken in during the catch-up and count, and only then does the overdue round close. A vote
     * after the catch-up is refused.
     */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void votesThatWaitedAtThePlatformWhileTheBotWasDownCount(TestDatabase.Kind kind) {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            Instant deadline;
            try (Process first = new Process(target, clock)) {
                first.text(ALICE, "/battle start drake 1");
                deadline = clock.instant().plus(Duration.ofMinutes(1));
                first.enter(BOB, "a | b");
                first.enter(CAROL, "c | d");
                assertThat(counted(first.voteByReaction(ALICE, BOB))).isTrue();
            }
            // down: Dave and Alice press 👍 on Carol's entry 46 s before the deadline; the deadline passes
            clock.advance(Duration.ofMinutes(5));
            try (Process second = new Process(target, clock, Duration.ofSeconds(20))) {
                assertThat(second.events.closed).as("an overdue round waits for the catch-up").isEmpty();
                assertThat(counted(second.voteByReaction(DAVE, CAROL))).isTrue();
                assertThat(counted(second.voteByReaction(ALICE, CAROL))).isTrue();
                second.scheduler.advanceTo(clock.instant().plus(Duration.ofSeconds(20)));
                assertThat(second.events.closed).hasSize(1);
                assertThat(second.events.closed.get(0).winners()).extracting(Placing::playerId).containsExactly("carol");
                assertThat(refusal(second.voteByReaction(BOB, CAROL))).contains("closed");
            }
            assertThat(deadline).isBefore(clock.instant());
        }
    }

    /** Two bot processes on one database: both take votes, both try to close at the deadline, one does. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void twoProcessesCloseARoundExactlyOnce(TestDatabase.Kind kind) throws Exception {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp); Process a = new Process(target, clock)) {
            a.text(ALICE, "/battle start doge 5");
            Instant deadline = clock.instant().plus(Duration.ofMinutes(5));
            try (Process b = new Process(target, clock)) {
                a.enter(ALICE, "one | two");
                b.enter(BOB, "three | four");
                assertThat(counted(a.voteByReaction(CAROL, ALICE))).isTrue();
                assertThat(counted(b.voteByReaction(DAVE, ALICE))).isTrue();
                assertThat(counted(b.voteByReaction(ALICE, BOB))).isTrue();
                CompletableFuture<Void> closeA = CompletableFuture.runAsync(() -> a.scheduler.advanceTo(deadline));
                CompletableFuture<Void> closeB = CompletableFuture.runAsync(() -> b.scheduler.advanceTo(deadline));
                CompletableFuture.allOf(closeA, closeB).get(60, TimeUnit.SECONDS);
                assertThat(a.events.closed.size() + b.events.closed.size()).isEqualTo(1);
                RoundClosed results = (a.events.closed.isEmpty() ? b : a).events.closed.get(0);
                assertThat(results.ranking()).extracting(Placing::playerId, Placing::votes).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", 2), org.assertj.core.groups.Tuple.tuple("bob", 1));
                assertThat(a.text(CAROL, "/leaderboard")).contains("1. alice — 5 points, 1 win", "2. bob — 1 point, 0 wins");
            }
        }
    }

    /** 50 voters press at the same moment, each twice: every voter counts exactly once. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void fiftySimultaneousVotesAreCountedExactlyOnce(TestDatabase.Kind kind) throws Exception {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp); Process bot1 = new Process(target, clock)) {
            bot1.text(ALICE, "/battle start doge 5");
            EntryPosted entry = bot1.enter(ALICE, "much | vote");
            int voters = 50;
            ExecutorService pool = Executors.newFixedThreadPool(voters);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Outcome<BattleService.Vote>>> calls = new ArrayList<>();
            for (int i = 0; i < voters * 2; i++) {
                ChatOrigin voter = new ChatOrigin("test", "g1", "voter-" + (i % voters));
                boolean byButton = i % 3 == 0;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return byButton ? bot1.battles.vote(voter, entry.entry()) : bot1.voteByReaction(voter, ALICE);
                }, pool));
            }
            long started = System.nanoTime();
            go.countDown();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            System.out.printf("[measure] %s: %d simultaneous vote calls stored in %d ms%n", kind, calls.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            pool.shutdown();
            long counted = calls.stream().map(CompletableFuture::join).filter(BattleServiceTest::counted).count();
            assertThat(counted).isEqualTo(voters);
            assertThat(calls.stream().map(CompletableFuture::join)).allMatch(r -> r instanceof Outcome.Ok);
            bot1.scheduler.advance(Duration.ofMinutes(5));
            assertThat(bot1.events.closed).hasSize(1);
            assertThat(bot1.events.closed.get(0).ranking().get(0).votes()).isEqualTo(voters);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void startCancelAndAdminRules(TestDatabase.Kind kind) {
        ManualClock clock = new ManualClock();
        try (TestDatabase target = TestDatabase.create(kind, temp); Process bot1 = new Process(target, clock)) {
            assertThat(bot1.text(ALICE, "/battleadmin off")).contains("Only the chat's admins");
            assertThat(bot1.text(ADMIN, "/battleadmin off")).contains("off");
            assertThat(bot1.text(ALICE, "/battle start")).contains("turned off");
            bot1.text(ADMIN, "/battleadmin on");
            bot1.text(ADMIN, "/battleadmin starters admins");
            assertThat(bot1.text(ALICE, "/battle start")).contains("Only the chat's admins");
            bot1.text(ADMIN, "/battleadmin starters anyone");
            bot1.text(ADMIN, "/battleadmin rounds 3");
            bot1.text(ADMIN, "/battleadmin minutes 7");
            assertThat(bot1.text(ADMIN, "/battleadmin")).contains("on", "anyone", "7 min", "3 rounds");
            assertThat(bot1.text(ALICE, "/battle start doge 5 4")).contains("1 to 3 rounds");
            assertThat(bot1.text(ALICE, "/battle start doge 0")).contains("1 to 1440 minutes");
            assertThat(bot1.text(ALICE, "/battle start qqxqzz")).contains("I don't know");
            String announcement = bot1.text(ALICE, "/battle start");
            assertThat(announcement).contains("round 1 of 1", "7 min");
            assertThat(bot1.text(BOB, "/battle start doge")).contains("already running");
            bot1.enter(BOB, "");
            assertThat(bot1.text(BOB, "/battle cancel")).contains("Only whoever started");
            assertThat(bot1.text(ALICE, "/battle cancel")).contains("cancelled by alice");
            assertThat(bot1.events.cancelled).hasSize(1);
            assertThat(bot1.events.cancelled.get(0).chat()).isEqualTo(new BattleChat("test", "g1", "g1"));
            bot1.scheduler.advance(Duration.ofMinutes(10));
            assertThat(bot1.events.closed).isEmpty();
            assertThat(bot1.text(BOB, "/battle start doge 1")).contains("round 1 of 1");
            assertThat(bot1.text(ADMIN, "/battle cancel")).contains("cancelled");
            assertThat(bot1.text(ADMIN, "/leaderboard")).contains("no battles finished");
            assertThat(bot1.text(ADMIN, "/battle dance")).contains("Usage");
        }
    }
}
