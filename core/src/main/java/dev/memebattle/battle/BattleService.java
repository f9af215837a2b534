package dev.memebattle.battle;

import dev.memebattle.metrics.BotMetrics;
import io.micrometer.core.instrument.Gauge;
import dev.memebattle.chat.Outcome;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.ChatText;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeResult;
import dev.memebattle.engine.MemeService;
import dev.memebattle.template.MemeTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Meme battles, platform-neutral: rounds on one template, one entry per player per round, votes
 * from other players until the deadline, results and leaderboards. All state is in the database
 * (deadlines too), so a restarted process picks up running battles: {@link #startScheduler()}
 * closes rounds whose deadline passed while it was down and schedules the others.
 *
 * <p>Scoring: one point per vote received, plus {@link #WIN_BONUS} for winning a round. Leaderboards
 * rank by points, then wins. (Not Elo: rounds are free-for-all among a few casual players, and a
 * rating that depends on the order of rounds is hard to explain in a chat; points and wins are
 * plain sums of stored results, identical in every chat and globally, and can be recomputed.)
 */
public final class BattleService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BattleService.class);

    /** Points for winning a round, on top of one point per vote. */
    public static final int WIN_BONUS = 3;
    /** How often the scheduler looks for due rounds it was not told about (other processes, clock jumps). */
    static final Duration SWEEP = Duration.ofSeconds(30);

    private final BattleStore store;
    private final MemeService memes;
    private final TemplateResolver templates;
    private final ChatPolicy policy;
    private final BattleEvents events;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final BotMetrics metrics;

    public BattleService(BattleStore store, MemeService memes, TemplateResolver templates, ChatPolicy policy,
                         BattleEvents events, Clock clock, ScheduledExecutorService scheduler, RandomGenerator random,
                         BotMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.memes = memes;
        this.templates = templates;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.startedAt = clock.instant();
        // every process sees every chat's open rounds (one database): read at each scrape
        Gauge.builder("memebattle.battles.open", store, s -> s.openRounds().size())
                .description("Battle rounds open for entries and votes").register(metrics.registry());
    }

    /** When this process started: rounds that ended before it ended while it was away. */
    private final Instant startedAt;
    /** Until when votes that waited at the platform still count for rounds that ended while we were away. */
    private volatile Instant catchUpEnds = Instant.MAX;

    /** Timer-driven round closes in progress (guarded by itself). */
    private final int[] closesRunning = new int[1];

    /** platform:user id → the name last stored; forgotten after a while so renames eventually reach the store. */
    private final Cache<String, String> storedNames = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(50_000).build();

    /** {@link #startScheduler(Duration)} with no catch-up: overdue rounds close at once. */
    public void startScheduler() {
        startScheduler(Duration.ZERO);
    }

    /**
     * Recovery and timers: schedules a close at every open round's deadline and sweeps for due rounds
     * every {@link #SWEEP}. Rounds whose deadline passed while no process ran close only after
     * {@code catchUp}: the votes that reached the platform before their deadline waited there for
     * us, and they count once the adapters have taken them in (until then, from the start of this
     * process, every vote on such a round counts as cast before its deadline).
     */
    public void startScheduler(Duration catchUp) {
        catchUpEnds = clock.instant().plus(catchUp);
        synchronized (timers) {
            timers.add(scheduler.scheduleWithFixedDelay(this::closeDueSafely, catchUp.toMillis(), SWEEP.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        for (OpenRound round : store.openRounds()) {
            scheduleClose(round);
        }
    }

    /** Its deadline; for a round that ended while no process ran, the end of the catch-up. */
    private Instant closesAt(OpenRound round) {
        return round.deadline().isBefore(startedAt) && round.deadline().isBefore(catchUpEnds) ? catchUpEnds
                : round.deadline();
    }

    /** Rounds whose votes still count after their deadline: those that ended while we were away, during catch-up. */
    private Instant lateVotesFor() {
        return clock.instant().isBefore(catchUpEnds) ? startedAt : Instant.MIN;
    }

    // --- settings -------------------------------------------------------------------------------

    public BattleSettings settings(ChatOrigin origin) {
        return store.settings(origin.chatKey());
    }

    public BattleSettings updateSettings(ChatOrigin admin, UnaryOperator<BattleSettings> change) {
        return store.updateSettings(admin.chatKey(), change, clock.instant());
    }

    /**
     * Adapters report users' display names (for results and leaderboards; ids are shown otherwise)
     * whenever they see a user. Only new or changed names reach the database, and a failure is
     * logged, never thrown: a name is cosmetic, the command or vote goes on without it.
     */
    public void rememberName(ChatOrigin user, String displayName) {
        String name = ChatText.clean(displayName);
        if (name.isEmpty()) {
            return;
        }
        String shown = name.length() > 64 ? name.substring(0, 64) : name;
        String key = user.platform() + ":" + user.userId();
        if (shown.equals(storedNames.getIfPresent(key))) {
            return;
        }
        try {
            store.rememberName(user.platform(), user.userId(), shown, clock.instant());
            storedNames.put(key, shown);
        } catch (RuntimeException e) {
            log.warn("Could not store the name of {} user {}: {}", user.platform(), user.userId(), e.toString());
        }
    }

    // --- start ----------------------------------------------------------------------------------

    public Outcome<RoundStarted> start(ChatOrigin starter, Optional<MemeTemplate> template, Integer minutes,
                                            Integer rounds) {
        return start(starter, null, template, minutes, rounds);
    }

    /**
     * @param channel  where the adapter wants this battle's posts (see {@link BattleChat#channel()}); null = the chat
     * @param template empty = a random template this chat allows, a new one each round
     * @param minutes  null = the chat's default round length
     * @param rounds   null = 1
     */
    public Outcome<RoundStarted> start(ChatOrigin starter, String channel, Optional<MemeTemplate> template,
                                            Integer minutes, Integer rounds) {
        BattleSettings settings = settings(starter);
        if (!settings.enabled()) {
            return Outcome.refused("Meme battles are turned off in this chat.");
        }
        if (settings.adminsOnly() && !starter.admin()) {
            return Outcome.refused("Only the chat's admins can start meme battles here.");
        }
        if (template.isPresent()) {
            if (policy.template(starter, template.get()) instanceof Outcome.Refused<MemeTemplate> refused) {
                return refused.refusedAs();
            }
        }
        int length = minutes == null ? settings.roundMinutes() : minutes;
        if (length < 1 || length > BattleSettings.MAX_ROUND_MINUTES) {
            return Outcome.refused("A round lasts 1 to " + BattleSettings.MAX_ROUND_MINUTES + " minutes.");
        }
        int count = rounds == null ? 1 : rounds;
        if (count < 1 || count > settings.maxRounds()) {
            return Outcome.refused("A battle here has 1 to " + settings.maxRounds() + " rounds.");
        }
        BattleChat chat = BattleChat.of(starter, channel);
        Optional<String> first = template.map(MemeTemplate::key).or(() -> randomTemplate(chat, starter.userId()));
        if (first.isEmpty()) {
            return Outcome.refused("No template is allowed in this chat, so there is nothing to battle with.");
        }
        String battleId = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        var outcome = store.start(battleId, chat, starter.userId(), template.map(MemeTemplate::key).orElse(null),
                first.get(), count, length, clock.instant());
        if (outcome instanceof BattleStore.StartOutcome.AlreadyRunning running) {
            return Outcome.refused("A battle is already running here (round " + running.round().round() + " of "
                    + running.round().rounds() + ") — see /battle status.");
        }
        OpenRound round = ((BattleStore.StartOutcome.Started) outcome).round();
        log.info("battle start id={} chat={} rounds={} minutes={} template={}", battleId, chat.chatKey(), count, length,
                round.templateKey());
        scheduleClose(round);
        metrics.battle(starter.platform(), "started");
        return Outcome.ok(started(round));
    }

    private RoundStarted started(OpenRound round) {
        return new RoundStarted(round.chat(), round.battleId(), round.round(), round.rounds(), template(round),
                round.startedAt(), round.deadline(), round.starterId());
    }

    /** A template the chat allows, preferring ones the AI can caption (so "no text" entries work). */
    private Optional<String> randomTemplate(BattleChat chat, String userId) {
        ChatOrigin origin = new ChatOrigin(chat.platform(), chat.chatId(), userId);
        return policy.randomTemplate(origin, templates.all(origin.chatKey()), random).map(MemeTemplate::key);
    }

    private MemeTemplate template(OpenRound round) {
        // A template removed while a battle ran (a chat's own): fall back to a shipped one, rather than fail.
        return templates.byKey(round.templateKey()).orElseGet(() -> templates.shipped().all().get(0));
    }

    // --- entries --------------------------------------------------------------------------------

    /**
     * Renders the player's entry for the open round and stores it (replacing their earlier one),
     * then tells the adapter to post it. Text with "|" is the player's own caption, other text
     * starts the AI's caption, no text lets the AI write it.
     */
    public CompletableFuture<Outcome<EntryPosted>> enter(ChatOrigin player, String text) {
        Optional<OpenRound> found = store.current(player.chatKey());
        if (found.isEmpty() || !clock.instant().isBefore(found.get().deadline())) {
            return done(Outcome.refused("No battle round is open here — start one with /battle start."));
        }
        OpenRound round = found.get();
        Outcome<MemeRequest> checked = policy.request(player, template(round), text, random.nextLong());
        if (checked instanceof Outcome.Refused<MemeRequest> refused) {
            return done(refused.refusedAs());
        }
        MemeRequest request = ((Outcome.Ok<MemeRequest>) checked).value();
        EntryRef entry = round.entry(player.userId());
        return memes.submit(request).thenApply(result -> {
            if (result instanceof MemeResult.Busy busy) {
                return Outcome.<EntryPosted>refused(busy.message());
            }
            if (result instanceof MemeResult.Failed failed) {
                return Outcome.<EntryPosted>refused(failed.message());
            }
            Meme meme = ((MemeResult.Done) result).meme();
            BattleStore.EntryOutcome saved = store.saveEntry(entry, request, meme.caption(), clock.instant());
            if (saved == BattleStore.EntryOutcome.CLOSED) {
                return Outcome.<EntryPosted>refused("Too late — that round has just closed.");
            }
            String name = store.names(player.platform(), List.of(player.userId())).get(player.userId());
            EntryPosted posted = new EntryPosted(round.chat(), entry, name, meme, request, round.deadline(),
                    saved == BattleStore.EntryOutcome.REPLACED);
            log.info("battle entry id={} round={} player={} replaced={}", round.battleId(), round.round(), player.userId(),
                    posted.replaced());
            publish("entryPosted", () -> events.entryPosted(posted));
            metrics.battle(player.platform(), "entry");
            return Outcome.ok(posted);
        }).exceptionally(error -> {
            log.error("Saving a battle entry failed", error);
            return Outcome.refused("Something went wrong saving your entry — please try again.");
        });
    }

    /** The adapter posted {@code entry} as {@code messageId}: votes on that message now count for it. */
    public void entryMessage(EntryRef entry, String messageId) {
        store.setEntryMessage(entry, messageId);
    }

    // --- votes ----------------------------------------------------------------------------------

    /** A counted (or repeated) vote; {@code votes} is the entry's total so far. */
    public record Vote(EntryRef entry, boolean counted, int votes) {
        public String message() {
            return counted ? "Vote counted." : "You already voted for this entry.";
        }
    }

    /** A vote by button (Telegram callback data = {@link EntryRef#token()}) or by an adapter that knows the entry. */
    public Outcome<Vote> vote(ChatOrigin voter, EntryRef entry) {
        var outcome = store.vote(entry, voter.chatKey(), voter.userId(), clock.instant(), lateVotesFor());
        if (outcome instanceof BattleStore.VoteOutcome.Refused refused) {
            return Outcome.refused(refused.reason());
        }
        BattleStore.Vote vote = ((BattleStore.VoteOutcome.Done) outcome).vote();
        if (vote.counted()) {
            metrics.battle(voter.platform(), "vote");
        }
        return Outcome.ok(new Vote(entry, vote.counted(), vote.votes()));
    }

    /**
     * A vote by reaction on a message. Empty when the message is not a battle entry (the adapter
     * then treats the reaction as it otherwise would).
     */
    public Optional<Outcome<Vote>> voteOnMessage(ChatOrigin voter, String messageId) {
        return store.entryByMessage(voter.chatKey(), messageId).map(entry -> vote(voter, entry));
    }

    /**
     * A removed reaction: the vote is taken back while the round is open.
     *
     * @return the entry whose vote was taken back; empty when there was none to take back
     */
    public Optional<EntryRef> unvoteOnMessage(ChatOrigin voter, String messageId) {
        return store.entryByMessage(voter.chatKey(), messageId)
                .filter(entry -> store.unvote(entry, voter.chatKey(), voter.userId(), clock.instant()));
    }

    /** The entry's votes as stored now (for a vote count shown next to it). */
    public int votes(EntryRef entry) {
        return store.votes(entry);
    }

    /** Open-round entries posted on {@code platform}: what an adapter re-reads when it may have missed reactions. */
    public List<PostedEntry> postedEntries(String platform) {
        return store.postedEntries(platform, clock.instant());
    }

    // --- status, cancel, leaderboards -------------------------------------------------------------

    public Optional<BattleStatus> status(ChatOrigin origin) {
        return store.counts(origin.chatKey()).map(c -> {
            OpenRound r = c.round();
            String starter = store.names(r.chat().platform(), List.of(r.starterId())).get(r.starterId());
            return new BattleStatus(r.chat(), r.battleId(), starter, r.round(), r.rounds(), template(r), r.deadline(),
                    c.entries(), c.votes());
        });
    }

    /** The starter or a chat admin cancels the running battle; its open round scores nothing. */
    public Outcome<BattleCancelled> cancel(ChatOrigin who) {
        var outcome = store.cancel(who.chatKey(), who.userId(), who.admin(), clock.instant());
        if (outcome instanceof BattleStore.CancelOutcome.NoBattle) {
            return Outcome.refused("No battle is running here.");
        }
        if (outcome instanceof BattleStore.CancelOutcome.NotAllowed) {
            return Outcome.refused("Only whoever started the battle, or a chat admin, can cancel it.");
        }
        OpenRound round = ((BattleStore.CancelOutcome.Cancelled) outcome).round();
        String name = store.names(who.platform(), List.of(who.userId())).get(who.userId());
        BattleCancelled cancelled = new BattleCancelled(round.chat(), round.battleId(), who.userId(), name);
        log.info("battle cancel id={} by={}", round.battleId(), who.userId());
        publish("battleCancelled", () -> events.battleCancelled(cancelled));
        return Outcome.ok(cancelled);
    }

    public LeaderboardPage leaderboard(ChatOrigin origin, LeaderboardScope scope, int page) {
        return store.leaderboard(scope == LeaderboardScope.GLOBAL ? null : origin.chatKey(), page);
    }

    // --- closing --------------------------------------------------------------------------------

    private void scheduleClose(OpenRound round) {
        long delay = Math.max(0, Duration.between(clock.instant(), closesAt(round)).toMillis());
        ScheduledFuture<?> timer = scheduler.schedule(() -> closeSafely(round), delay, TimeUnit.MILLISECONDS);
        synchronized (timers) {
            timers.removeIf(ScheduledFuture::isDone);
            timers.add(timer);
        }
    }

    private void closeDueSafely() {
        running(() -> {
            try {
                closeDue();
            } catch (RuntimeException e) {
                log.error("Closing due battle rounds failed; will retry", e);
            }
        });
    }

    private void closeSafely(OpenRound round) {
        running(() -> {
            try {
                close(round).join();
            } catch (RuntimeException e) {
                log.error("Closing round {} of battle {} failed; the sweep will retry", round.round(), round.battleId(), e);
            }
        });
    }

    /** Counts timer-driven closes in progress, for {@link #close()}. */
    private void running(Runnable work) {
        synchronized (closesRunning) {
            closesRunning[0]++;
        }
        try {
            work.run();
        } finally {
            synchronized (closesRunning) {
                closesRunning[0]--;
                closesRunning.notifyAll();
            }
        }
    }

    /**
     * Closes every open round whose deadline has passed (on the platforms this process posts to)
     * and publishes the results. Returns when the events were published; the scheduler calls it.
     *
     * @return how many rounds this call closed
     */
    public int closeDue() {
        Instant now = clock.instant();
        int closed = 0;
        for (OpenRound round : store.openRounds()) {
            if (!now.isBefore(closesAt(round)) && close(round).join()) {
                closed++;
            }
        }
        return closed;
    }

    /** @return completes with true once this call closed the round and published its results */
    private CompletableFuture<Boolean> close(OpenRound round) {
        if (!events.handles(round.chat())) {
            return CompletableFuture.completedFuture(false);
        }
        // Chosen before the transaction: it reads the chat's settings, which must not wait for our own lock.
        String nextTemplate = round.fixedTemplateKey() != null || round.round() >= round.rounds() ? round.templateKey()
                : randomTemplate(round.chat(), round.starterId()).orElse(round.templateKey());
        Optional<BattleStore.Closed> closed = store.close(round.battleId(), round.round(), clock.instant(), nextTemplate);
        if (closed.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        BattleStore.Closed c = closed.get();
        closed.get().next().ifPresent(this::scheduleClose);
        Map<String, String> names = store.names(round.chat().platform(),
                c.ranking().stream().map(BattleStore.ScoredEntry::playerId).toList());
        List<Placing> ranking = c.ranking().stream().map(e -> new Placing(e.place(), e.playerId(), names.get(e.playerId()),
                e.votes(), e.points(), e.winner(), e.caption())).toList();
        log.info("battle round closed id={} round={} results={}", round.battleId(), round.round(),
                ranking.stream().map(p -> p.playerId() + "=" + p.votes()).collect(Collectors.joining(",")));
        Optional<MemeRequest> winner = c.ranking().stream().filter(BattleStore.ScoredEntry::winner).findFirst()
                .flatMap(BattleStore.ScoredEntry::request);
        CompletableFuture<Optional<Meme>> winnerMeme = winner.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                : memes.submit(winner.get()).thenApply(r -> r instanceof MemeResult.Done d ? Optional.of(d.meme())
                : Optional.<Meme>empty());
        return winnerMeme.thenApply(meme -> {
            RoundClosed results = new RoundClosed(round.chat(), round.battleId(), round.round(), round.rounds(),
                    template(round), ranking, meme, c.next().isEmpty());
            publish("roundClosed", () -> events.roundClosed(results));
            c.next().ifPresent(next -> publish("roundStarted", () -> events.roundStarted(started(next))));
            return true;
        });
    }

    /** Stops this service's timers (the scheduler itself belongs to the caller). */
    @Override
    public void close() {
        synchronized (timers) {
            timers.forEach(t -> t.cancel(false));
            timers.clear();
        }
        // Wait for a close that is running, so a shutdown never leaves a round closed in the
        // database with its results unposted.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            synchronized (closesRunning) {
                while (closesRunning[0] > 0 && System.nanoTime() < deadline) {
                    closesRunning.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failing listener must not undo or block the battle: what is stored stays stored. */
    private static void publish(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Battle listener failed on {}", event, e);
        }
    }

    private static <T> CompletableFuture<Outcome<T>> done(Outcome<T> result) {
        return CompletableFuture.completedFuture(result);
    }
}
