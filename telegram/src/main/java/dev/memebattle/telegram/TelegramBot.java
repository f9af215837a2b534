package dev.memebattle.telegram;

import io.micrometer.core.instrument.Gauge;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.battle.VoteLanes;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.InlineCandidates;
import dev.memebattle.bot.BotCore;
import dev.memebattle.bot.WebhookDeliveries;
import dev.memebattle.config.ConfigException;
import dev.memebattle.config.TelegramConfig;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Telegram adapter: long polling with the telegrambots library (or, with
 * {@code telegram.webhook.enabled}, a webhook Telegram posts to), our own executors and OkHttp
 * clients (so {@link #close()} really stops every thread), commands, 🔁 rerolls, inline mode and
 * flood-controlled sending, meme battles. Start it with {@link #start(BotCore, String, TelegramConfig)} and
 * close it before the core.
 *
 * <p>Webhook mode: {@link #start} opens our HTTP listener, then calls {@code setWebhook}; updates
 * then take the same path as polled ones ({@code UpdateRouter}). Closing leaves the webhook set, so
 * Telegram keeps the updates for the next start; a start in long-polling mode deletes it (the
 * library calls {@code deleteWebhook} before its first poll).
 *
 * <p>Meme battles: {@link #start} subscribes to the core's battle events for Telegram, so call
 * {@code core.battles().startScheduler()} after it (as {@code run} does); rounds then close and
 * post their results in the chat (and forum topic) where {@code /battle start} was used. Votes
 * come as presses of an entry's "👍 N" button, and as 👍 reactions where the bot is a group admin
 * (Telegram sends reactions only to admins).
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    /** How long shutdown lets running replies finish and queued sends go out. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Telegram holds a getUpdates call up to 50 s; the read timeout must outlast it. */
    private static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(75);
    /** Threads that store battle votes (one lane per user-id hash). */
    static final int VOTE_LANES = 4;
    static final String PLATFORM = "telegram";
    /** How long webhook deliveries are remembered across processes: far longer than Telegram retries. */
    /** Threads serving inline images to Telegram's fetchers. */
    private static final int INLINE_IMAGE_THREADS = 4;
    /** Threads reading webhook posts; the work itself runs on the router's threads. */
    private static final int WEBHOOK_THREADS = 4;

    private final String username;
    private final OkHttpClient http;
    private final OkHttpClient pollHttp;
    private final LongPollStopper pollStopper;
    private final ExecutorService httpThreads;
    private final ExecutorService pollHttpThreads;
    private final ScheduledExecutorService pollThread;
    private final ScheduledExecutorService timer;
    private final SendQueue queue;
    private final UpdateRouter router;
    private final TelegramBotsLongPollingApplication polling;
    private final WebhookServer webhook;
    private final InlineImageServer inlineImages;
    private final AutoCloseable battleSubscription;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final PollHealth pollHealth;

    private TelegramBot(Builder b) {
        this.username = b.username;
        this.http = b.http;
        this.pollHttp = b.pollHttp;
        this.pollStopper = b.pollStopper;
        this.httpThreads = b.httpThreads;
        this.pollHttpThreads = b.pollHttpThreads;
        this.pollThread = b.pollThread;
        this.timer = b.timer;
        this.queue = b.queue;
        this.router = b.router;
        this.polling = b.polling;
        this.webhook = b.webhook;
        this.inlineImages = b.inlineImages;
        this.battleSubscription = b.battleSubscription;
        this.pollHealth = b.pollHealth;
    }

    /**
     * Connected for a readiness check: the last getUpdates worked (long polling), or the webhook
     * listener is up (webhook mode: Telegram's deliveries are its business).
     */
    public boolean connected() {
        return !closed.get() && (webhook != null || pollHealth != null && pollHealth.failures() == 0);
    }

    /** Long polling (webhook mode needs {@link #start(BotCore, String, TelegramConfig, String, WebhookDeliveries)}). */
    public static TelegramBot start(BotCore core, String token, TelegramConfig config) {
        return start(core, token, config, null, null);
    }

    /**
     * Logs in (getMe), registers the commands (setMyCommands) and starts long polling, or in
     * webhook mode its HTTP listener and {@code setWebhook}.
     *
     * @param token         the bot token (from {@code TELEGRAM_TOKEN}); never logged
     * @param webhookSecret the webhook's secret token (from {@code TELEGRAM_WEBHOOK_SECRET}), needed
     *                      only in webhook mode; never logged
     * @param deliveries    which webhook deliveries any process already took (webhook mode only)
     * @throws ConfigException       when {@code telegram.api_url} or the webhook settings are not usable
     * @throws IllegalStateException when Telegram refuses the login (bad token, unreachable API), the
     *                               webhook port cannot be bound or Telegram refuses the webhook
     */
    public static TelegramBot start(BotCore core, String token, TelegramConfig config, String webhookSecret,
                                    WebhookDeliveries deliveries) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("TELEGRAM_TOKEN is empty");
        }
        TelegramUrl url = apiUrl(config.apiUrl());
        TelegramConfig.Webhook hook = config.webhook();
        if (hook.enabled()) {
            hook.requireUsable(webhookSecret); // before anything is opened
            if (deliveries == null) {
                throw new IllegalArgumentException("webhook mode needs the store of webhook deliveries");
            }
        }
        TelegramConfig.InlineImages images = config.inlineImages();
        if (images.enabled()) {
            images.requireUsable();
        }
        Builder b = new Builder();
        try {
            b.httpThreads = cachedThreads("telegram-http");
            b.pollHttpThreads = cachedThreads("telegram-poll-http");
            ConnectionPool connections = new ConnectionPool(16, 5, TimeUnit.MINUTES);
            Dispatcher dispatcher = new Dispatcher(b.httpThreads);
            dispatcher.setMaxRequests(64);
            dispatcher.setMaxRequestsPerHost(64);
            b.http = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(connections)
                    .connectTimeout(Duration.ofSeconds(15))
                    .writeTimeout(Duration.ofSeconds(60))
                    .readTimeout(Duration.ofSeconds(60))
                    .build();
            // its own connections: shutdown ends the held getUpdates call without touching sends
            b.pollStopper = new LongPollStopper();
            b.pollHttp = b.http.newBuilder()
                    .dispatcher(new Dispatcher(b.pollHttpThreads))
                    .connectionPool(new ConnectionPool(2, 5, TimeUnit.MINUTES))
                    .socketFactory(b.pollStopper)
                    .addInterceptor(b.pollStopper)
                    .addInterceptor(b.pollHealth = new PollHealth(b.pollStopper::stopping, System::nanoTime))
                    .readTimeout(POLL_READ_TIMEOUT)
                    .build();
            b.timer = Executors.newSingleThreadScheduledExecutor(threads("telegram-send"));
            b.pollThread = Executors.newSingleThreadScheduledExecutor(threads("telegram-poll"));

            OkHttpTelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), b.http, token, url);
            BotApi api = new BotApi(client, b.timer);
            b.username = login(client);
            registerCommands(api, core);

            b.queue = new SendQueue(config.flood(), b.timer, core.metrics());
            SendQueue queue = b.queue;
            core.metrics().platformStarted(PLATFORM, core.chat().all().stream().map(ChatCommand::name).toList());
            Gauge.builder("memebattle.telegram.send.queued", queue, SendQueue::waiting)
                    .description("Sends waiting for their chat's turn (flood limits)").register(core.metrics().registry());
            ChatAdmins admins = new ChatAdmins(api, Duration.ofSeconds(config.adminCacheSeconds()));
            Replies replies = new Replies(api, b.queue, core.rerolls(), core.metrics());
            PlayerNames names = new PlayerNames(core.battles());
            BattlePosts battlePosts = new BattlePosts(api, b.queue, replies, core.battles(), b.timer, config.flood());
            if (images.enabled()) {
                b.inlineImages = InlineImageServer.start(images,
                        Executors.newFixedThreadPool(INLINE_IMAGE_THREADS, threads("telegram-inline-images")));
            }
            InlineMemes inline = new InlineMemes(new InlineCandidates(core.catalog(), core.templates(), config.inlineResults()),
                    core.catalog(), core.memes(), api, b.queue, storageChats(client, config.storageChats()), b.inlineImages,
                    config.inlineCacheSeconds(), config.inlineWarmTemplates());
            inline.warmEvery(b.timer);
            b.router = new UpdateRouter(core.metrics(), Executors.newFixedThreadPool(2, threads("telegram-updates")),
                    new VoteLanes("telegram-votes", VOTE_LANES),
                    new CommandMessages(core.chat(), core.battleCommand(), admins, replies, battlePosts, names,
                            b.username, new TelegramPictures(api, url, token, core.memeCommand().pictureLimits()),
                            core.metrics()),
                    new Rerolling(core.rerolls(), admins, replies, api),
                    new BattleVotes(core.battles(), battlePosts, names, api),
                    new PageButtons(core.chat(), b.queue, api),
                    inline);
            // From now on this process posts (and closes) Telegram battles: see BattleEvents#handles.
            b.battleSubscription = core.battleEvents().subscribe(PLATFORM, battlePosts);
            if (hook.enabled()) {
                // listening first: Telegram may post the updates it kept as soon as the webhook is set
                String source = PLATFORM + ":" + b.username;
                b.webhook = WebhookServer.start(hook, webhookSecret,
                        Executors.newFixedThreadPool(WEBHOOK_THREADS, threads("telegram-webhook")), b.router,
                        updateId -> deliveries.firstDelivery(source, updateId));
                client.execute(SetWebhook.builder()
                        .url(hook.publicUrl())
                        .secretToken(webhookSecret)
                        .allowedUpdates(UpdateRouter.ALLOWED_UPDATES)
                        .dropPendingUpdates(false)
                        .build());
            } else {
                b.polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> b.pollHttp, () -> b.pollThread);
                b.polling.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(UpdateRouter.ALLOWED_UPDATES), b.router);
            }
        } catch (TelegramApiException e) {
            TelegramBot partial = new TelegramBot(b);
            partial.close();
            throw new IllegalStateException("Telegram: could not start " + (hook.enabled() ? "the webhook (setWebhook)"
                    : "long polling") + ": " + describe(e), e);
        } catch (RuntimeException e) {
            new TelegramBot(b).close();
            throw e;
        }
        log.info("Telegram: logged in as @{} ({}), inline mode {}, {}", b.username,
                config.apiUrl().isEmpty() ? "api.telegram.org" : config.apiUrl(),
                images.enabled() ? "on (images served at " + images.publicUrl() + " from " + images.listenHost() + ":"
                        + b.inlineImages.port() + ")"
                        : config.storageChats().isEmpty() ? "off (no telegram.storage_chat_id or inline_images)"
                        : "on (" + config.storageChats().size() + " storage chat(s))",
                hook.enabled() ? "webhook " + hook.publicUrl() + " → " + hook.listenHost() + ":" + b.webhook.port()
                        + hook.path() : "long polling");
        return new TelegramBot(b);
    }

    /**
     * The storage chats as Telegram knows them: a group or channel takes 20 messages a minute, a
     * private chat one a second. A chat Telegram will not describe is paced as a group (the safe side).
     */
    private static List<StorageUploads.StorageChat> storageChats(OkHttpTelegramClient client, List<String> ids) {
        List<StorageUploads.StorageChat> chats = new ArrayList<>();
        for (String id : ids) {
            boolean group = true;
            try {
                group = !"private".equals(client.execute(GetChat.builder().chatId(id).build()).getType());
            } catch (TelegramApiException e) {
                log.warn("Telegram: cannot look up storage chat {} ({}); pacing it as a group", id, describe(e));
            }
            chats.add(new StorageUploads.StorageChat(id, group));
        }
        return chats;
    }

    /** Updates being handled or waiting for a thread (votes included), for tests and diagnostics. */
    int pending() {
        return router == null ? 0 : router.running();
    }

    /** The port inline images are served on (0 when that is off), for tests and diagnostics. */
    int inlineImagesPort() {
        return inlineImages == null ? 0 : inlineImages.port();
    }

    /** The port the webhook listener is bound to (0 in long-polling mode), for tests and diagnostics. */
    int webhookPort() {
        return webhook == null ? 0 : webhook.port();
    }

    /** The bot's username without "@", as Telegram reported it at login. */
    public String username() {
        return username;
    }

    /**
     * Stops polling (or the webhook listener; the webhook itself stays set), lets replies in
     * progress finish and queued sends go out (up to 10 s), then stops every thread and connection
     * it started.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (battleSubscription != null) {
            try {
                battleSubscription.close(); // rounds due from now on are left to a process that can post them
            } catch (Exception e) {
                log.debug("Battle events unsubscribe: {}", e.toString());
            }
        }
        if (polling != null) {
            try {
                polling.close(); // no further polls
            } catch (Exception e) {
                log.debug("Long polling close: {}", e.toString());
            }
        }
        if (webhook != null) {
            webhook.close(); // no further posts; Telegram keeps new updates for the next start
        }
        if (inlineImages != null) {
            inlineImages.close(); // answers already given link to images nobody will fetch for long
        }
        if (pollStopper != null) {
            pollStopper.stop(); // the poll Telegram is holding returns now, with no updates
        }
        if (pollThread != null) { // no interrupt: the poll in progress ends by itself now, quietly
            pollThread.shutdown();
            awaitOrStop(pollThread);
        }
        long start = System.nanoTime();
        if (router != null) {
            router.drain(SHUTDOWN_GRACE);
        }
        if (queue != null) {
            queue.close(SHUTDOWN_GRACE.minusNanos(Math.min(SHUTDOWN_GRACE.toNanos(), System.nanoTime() - start)));
        }
        shutdown(timer);
        if (http != null) {
            http.dispatcher().cancelAll();
            http.connectionPool().evictAll();
        }
        if (pollHttp != null) {
            pollHttp.dispatcher().cancelAll();
            pollHttp.connectionPool().evictAll();
        }
        shutdown(httpThreads);
        shutdown(pollHttpThreads);
        log.info("Telegram: stopped");
    }

    private static void shutdown(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        awaitOrStop(executor);
    }

    private static void awaitOrStop(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    log.warn("Telegram: a thread did not stop in time");
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String login(OkHttpTelegramClient client) {
        try {
            User me = client.execute(new GetMe());
            if (me == null || me.getUserName() == null || me.getUserName().isBlank()) {
                throw new IllegalStateException("Telegram: getMe returned no bot username");
            }
            return me.getUserName();
        } catch (TelegramApiException e) {
            throw new IllegalStateException("Telegram: login failed (getMe): " + describe(e), e);
        }
    }

    /** The menu Telegram shows for "/": our commands and their one-line help. */
    private static void registerCommands(BotApi api, BotCore core) {
        List<BotCommand> commands = new ArrayList<>();
        for (ChatCommand c : core.chat().all()) {
            // the text form is what Telegram users type, so the menu shows it: "start [template] …"
            String usage = c.help().replaceFirst("^/" + c.name() + "\\b\\s*", "").strip();
            commands.add(new BotCommand(c.name(), Replies.limit(usage.isEmpty() ? c.spec().description() : usage, 256)));
        }
        api.direct("setMyCommands", () -> api.call(new SetMyCommands(commands)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("Telegram: setMyCommands failed: {}", describe(SendQueue.unwrap(error)));
                    }
                });
    }

    /** {@code telegram.api_url}: empty = Telegram; else scheme, host and port of a Bot API server. */
    static TelegramUrl apiUrl(String configured) {
        if (configured == null || configured.isBlank()) {
            return TelegramUrl.DEFAULT_URL;
        }
        try {
            URI uri = URI.create(configured.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                throw new IllegalArgumentException("a path is not supported, give scheme, host and port only");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new TelegramUrl(scheme, uri.getHost(), port, false);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("telegram.api_url '" + configured + "': " + e.getMessage(), e);
        }
    }

    /** A short, token-free description of a Telegram failure. */
    static String describe(Throwable e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
            return r.getErrorCode() + " " + r.getApiResponse();
        }
        Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static ExecutorService cachedThreads(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads(name));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The parts built so far, so a failed start can close exactly what it opened. */
    private static final class Builder {
        String username;
        OkHttpClient http;
        OkHttpClient pollHttp;
        LongPollStopper pollStopper;
        ExecutorService httpThreads;
        ExecutorService pollHttpThreads;
        ScheduledExecutorService pollThread;
        ScheduledExecutorService timer;
        SendQueue queue;
        UpdateRouter router;
        TelegramBotsLongPollingApplication polling;
        WebhookServer webhook;
        InlineImageServer inlineImages;
        AutoCloseable battleSubscription;
        PollHealth pollHealth;
    }
}
