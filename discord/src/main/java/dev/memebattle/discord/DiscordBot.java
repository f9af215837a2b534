package dev.memebattle.discord;

import dev.memebattle.battle.VoteLanes;
import dev.memebattle.bot.BotCore;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.config.DiscordConfig;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.MiscUtil;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memebattle.metrics.BotMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Discord adapter: connects with JDA, registers the slash commands and answers them with the
 * core. {@link #close()} stops taking commands, lets the accepted ones finish, then disconnects.
 *
 * <pre>{@code
 * try (BotComponents components = BotComponents.create(config);
 *      DiscordBot discord = DiscordBot.start(components.bot(), config.discord(), token, Duration.ofSeconds(60))) { ... }
 * }</pre>
 *
 * <p>Invite the bot with the scopes {@code bot applications.commands} and the permissions View
 * Channel, Send Messages, Attach Files, Add Reactions and Read Message History (the last two for
 * 🔁 and the battles' 👍; Manage Messages is not needed). No privileged intent has to be switched on.
 *
 * <p>Meme battles: {@link #start} subscribes to the core's battle events for Discord, so call
 * {@code core.battles().startScheduler()} after it (as {@code run} does); rounds then close and
 * post their results in the channel where {@code /battle start} was used.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    /**
     * Only what slash commands, 🔁 and 👍 need, nothing privileged. JDA always adds GUILDS itself, so
     * the gateway sees GUILDS + GUILD_MESSAGE_REACTIONS + DIRECT_MESSAGE_REACTIONS (🔁 in DMs).
     */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGE_REACTIONS,
            GatewayIntent.DIRECT_MESSAGE_REACTIONS);

    /** Threads that store reaction votes (one lane per user-id hash). */
    static final int VOTE_LANES = 4;
    /**
     * Threads that run commands, page buttons, autocomplete and rerolls off JDA's event thread. Few on
     * purpose: under a burst every runnable thread takes CPU from that event thread, which must decode
     * each interaction before anyone can acknowledge it. Measured with 1,000 commands at once on 2
     * cores: 8 threads lost 250–600 interactions to Discord's 3 s window, 2 threads 0–250 (see
     * DiscordBenchmark). Commands waiting on a locked database are acknowledged all the same.
     */
    static final int COMMAND_THREADS = 2;

    private final ShardManager shards;
    private final InFlightWork work;
    private final VoteLanes votes;
    private final ExecutorService commandWork;
    private final AutoCloseable battleSubscription;
    private final Duration drainTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DiscordBot(ShardManager shards, InFlightWork work, VoteLanes votes, ExecutorService commandWork,
                       AutoCloseable battleSubscription, Duration drainTimeout) {
        this.shards = shards;
        this.work = work;
        this.votes = votes;
        this.commandWork = commandWork;
        this.battleSubscription = battleSubscription;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Connects with the {@code discord} settings, waits until Discord says every
     * shard is ready and registers the commands. Shards are gateway connections that each carry a
     * share of the servers (Discord requires them from 2,500 servers); JDA's shard manager runs them
     * all in this process, and everything else here works across them.
     *
     * @param token the bot token (from {@code DISCORD_TOKEN}); never logged
     * @throws DiscordStartException when the token is refused or Discord cannot be reached in time
     */
    public static DiscordBot start(BotCore core, DiscordConfig config, String token, Duration readyTimeout) {
        if (token == null || token.isBlank()) {
            throw new DiscordStartException("DISCORD_TOKEN is not set.");
        }
        // No message the bot sends may ping anyone; each message also says so itself.
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));

        InFlightWork work = new InFlightWork();
        VoteLanes votes = new VoteLanes("discord-votes", VOTE_LANES);
        DisplayNames names = new DisplayNames(core.battles());
        RerollableMemes rerollable = new RerollableMemes(core.rerolls());
        ExecutorService commandWork = Executors.newFixedThreadPool(COMMAND_THREADS, r -> {
            Thread t = new Thread(r, "discord-commands");
            t.setDaemon(true);
            return t;
        });
        SlashCommandAnswers commands = new SlashCommandAnswers(core.chat(), core.battleCommand(),
                new TemplateChoices(core.templates(), core.policy()), work, names, rerollable, commandWork,
                core.memeCommand(), new DiscordPictures(config.cdnUrl(), core.memeCommand().pictureLimits()),
                core.metrics());
        ReactionListener reactions = new ReactionListener(new ReactionVotes(core.battles(), names, votes, work),
                rerollable, work, commandWork);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Set<Integer> readyShards = ConcurrentHashMap.newKeySet();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(token, INTENTS)
                .setShardsTotal(config.shards() > 0 ? config.shards() : -1)
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setChunkingFilter(ChunkingFilter.NONE)
                .setCompression(Compression.NONE)
                .setHttpClientBuilder(httpClient(core.metrics()))
                // Our close() drains queued work first; JDA's own hook would cut it off.
                .setEnableShutdownHook(false)
                // how late interactions arrive (their id carries Discord's creation time): the engine lets
                // the event thread catch up before it renders more
                .addEventListeners((EventListener) event -> {
                    if (event instanceof GenericInteractionCreateEvent interaction) {
                        long created = DiscordChats.createdMillis(interaction.getIdLong());
                        core.memes().incoming().arrived(Instant.ofEpochMilli(created));
                        core.metrics().arrivalLag(DiscordChats.PLATFORM, TimeUnit.MILLISECONDS.toNanos(Math.max(0,
                                System.currentTimeMillis() - created)));
                    }
                })
                .addEventListeners(commands, reactions, new ListenerAdapter() {
                    @Override
                    public void onReady(ReadyEvent event) {
                        JDA.ShardInfo shard = event.getJDA().getShardInfo();
                        readyShards.add(shard.getShardId());
                        int ours = config.shardIds().isEmpty() ? shard.getShardTotal() : config.shardIds().size();
                        if (readyShards.size() == ours) {
                            ready.complete(null);
                        }
                    }

                    @Override
                    public void onShutdown(ShutdownEvent event) {
                        ready.completeExceptionally(new DiscordStartException(
                                "Discord closed the connection (code " + event.getCloseCode() + ")."));
                    }
                });
        if (!config.shardIds().isEmpty()) {
            builder.setShards(config.shardIds()); // (an empty set would mean no shard at all, not all of them)
        }
        if (!config.restUrl().isBlank()) {
            builder.setRestConfig(new RestConfig().setBaseUrl(withSlash(config.restUrl())));
        }
        if (!config.gatewayUrl().isBlank()) {
            builder.setSessionController(new GatewaySessionController(withoutSlash(config.gatewayUrl())));
        }
        ShardManager manager;
        try {
            manager = builder.build();
        } catch (InvalidTokenException e) {
            closeQuietly(votes);
            throw new DiscordStartException("Discord refused the token in DISCORD_TOKEN.", e);
        } catch (RuntimeException e) {
            closeQuietly(votes);
            throw new DiscordStartException("Cannot connect to Discord: " + e.getMessage(), e);
        }
        try {
            ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            registerCommands(manager, SlashCommands.withContextMenu(core.chat().all()), config.devGuild(), readyTimeout);
        } catch (InterruptedException e) {
            stopNow(manager);
            closeQuietly(votes);
            Thread.currentThread().interrupt();
            throw new DiscordStartException("Interrupted while connecting to Discord.", e);
        } catch (TimeoutException e) {
            stopNow(manager);
            closeQuietly(votes);
            throw new DiscordStartException("Discord did not get ready within " + readyTimeout.toSeconds() + " s.", e);
        } catch (ExecutionException e) {
            stopNow(manager);
            closeQuietly(votes);
            Throwable cause = e.getCause();
            throw cause instanceof DiscordStartException d ? d
                    : new DiscordStartException("Cannot connect to Discord: " + cause, cause);
        } catch (DiscordStartException e) {
            stopNow(manager); // e.g. a dev_guild the bot is not in: no connection left open behind the message
            closeQuietly(votes);
            commandWork.shutdownNow();
            throw e;
        }
        log.info("Discord: logged in as {} in {} server(s) over {} of {} shard(s)",
                manager.getShards().get(0).getSelfUser().getName(), manager.getGuildCache().size(),
                manager.getShards().size(), manager.getShardsTotal());
        bindMeters(manager, core.metrics().registry());
        core.metrics().platformStarted(DiscordChats.PLATFORM, core.chat().all().stream().map(ChatCommand::name).toList());
        // From now on this process posts (and closes) Discord battles: see BattleEvents#handles.
        AutoCloseable battles = core.battleEvents().subscribe(DiscordChats.PLATFORM,
                new DiscordBattlePosts(manager, core.battles(), work));
        return new DiscordBot(manager, work, votes, commandWork, battles, core.replyTimeout());
    }

    /**
     * JDA's own defaults (25 requests per host, 5 pooled connections), plus no Nagle delay on uploads;
     * every 429 is counted with the wait Discord asked for (JDA waits and retries by itself).
     */
    private static OkHttpClient.Builder httpClient(BotMetrics metrics) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(25, 10, TimeUnit.SECONDS))
                .socketFactory(new NoDelaySocketFactory())
                .addInterceptor(chain -> {
                    okhttp3.Response response = chain.proceed(chain.request());
                    if (response.code() == 429) {
                        metrics.rateLimited(DiscordChats.PLATFORM, retryAfter(response.header("Retry-After")));
                    }
                    return response;
                });
    }

    /** Discord's Retry-After header: seconds, possibly with a fraction; none counts as zero. */
    static Duration retryAfter(String header) {
        try {
            return header == null ? Duration.ZERO : Duration.ofMillis((long) (Double.parseDouble(header) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    /**
     * Gateway ping and shard states, read at each scrape: {@code memebattle.discord.gateway.ping}
     * (the shards' average) and {@code memebattle.discord.shards} by state (connected or not).
     */
    private static void bindMeters(ShardManager manager, MeterRegistry registry) {
        Gauge.builder("memebattle.discord.gateway.ping", manager, m -> m.getAverageGatewayPing() / 1000.0)
                .description("Average gateway heartbeat round trip of this process's shards").baseUnit("seconds")
                .register(registry);
        Gauge.builder("memebattle.discord.shards", manager, DiscordBot::connectedShards).tag("state", "connected")
                .description("Shards of this process by state").register(registry);
        Gauge.builder("memebattle.discord.shards", manager, m -> m.getShards().size() - connectedShards(m))
                .tag("state", "not_connected").register(registry);
    }

    private static long connectedShards(ShardManager manager) {
        return manager.getShards().stream().filter(j -> j.getStatus() == JDA.Status.CONNECTED).count();
    }

    /** Every shard of this process is connected to the gateway (a readiness check). */
    public boolean connected() {
        return !closed.get() && !shards.getShards().isEmpty() && connectedShards(shards) == shards.getShards().size();
    }

    private static void registerCommands(ShardManager manager, List<CommandData> commands, String devGuild,
                                         Duration timeout) throws InterruptedException {
        try {
            if (devGuild.isBlank()) {
                // Commands belong to the application, not to a shard: one registration serves all. With the
                // shards split over processes, the one running shard 0 does it.
                JDA first = manager.getShardById(0);
                if (first == null) {
                    return;
                }
                first.updateCommands().addCommands(commands).submit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Discord: registered {} global slash commands", commands.size());
                return;
            }
            if (!devGuild.matches("\\d{1,20}")) {
                throw new DiscordStartException("discord.dev_guild must be a server id (digits), not \"" + devGuild + "\".");
            }
            if (manager.getShardById(MiscUtil.getShardForGuild(devGuild, manager.getShardsTotal())) == null) {
                return; // that server is on another process's shard: that process registers
            }
            Guild guild = manager.getGuildById(devGuild);
            if (guild == null) {
                throw new DiscordStartException("discord.dev_guild " + devGuild + " is not a server this bot is in.");
            }
            guild.updateCommands().addCommands(commands).submit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Discord: registered {} slash commands on server {}", commands.size(), devGuild);
        } catch (ExecutionException | TimeoutException e) {
            // Commands registered by an earlier run keep working, so this is not fatal.
            log.error("Discord: could not register the slash commands: {}", e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Start failed: drop every shard's connection without waiting for anything. */
    private static void stopNow(ShardManager manager) {
        List<JDA> clients = List.copyOf(manager.getShards());
        manager.shutdown();
        clients.forEach(JDA::shutdownNow);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Discord: closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** JDA's shard manager (one JDA client per shard), for monitoring and tests. */
    public ShardManager shards() {
        return shards;
    }

    /** Commands and rerolls accepted but not answered yet. */
    public int pending() {
        return work.running();
    }

    /** True once {@link #close()} started: new commands are turned away. */
    public boolean closing() {
        return work.closed();
    }

    /**
     * Stops taking battle events (rounds due from now on are left to the next process that posts
     * to Discord) and commands, waits for the accepted work to be answered, then disconnects.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        closeQuietly(battleSubscription);
        try {
            if (!work.closeAndAwait(drainTimeout)) {
                log.warn("Discord: {} replies still unfinished after {} s; disconnecting anyway",
                        work.running(), drainTimeout.toSeconds());
            }
            votes.close(Duration.ofSeconds(5));
            commandWork.shutdown();
            commandWork.awaitTermination(5, TimeUnit.SECONDS);
            List<JDA> clients = List.copyOf(shards.getShards());
            shards.shutdown(); // closes every shard's connection, on the manager's own thread
            for (JDA client : clients) {
                if (!client.awaitShutdown(Duration.ofSeconds(10))) {
                    client.shutdownNow();
                    client.awaitShutdown(Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            shards.getShards().forEach(JDA::shutdownNow);
            Thread.currentThread().interrupt();
        }
        log.info("Discord: disconnected");
    }
}
