package dev.memebattle.cli;

import dev.memebattle.battle.BattleEventBus;
import dev.memebattle.battle.BattleService;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.chat.AdminCommand;
import dev.memebattle.battle.BattleAdminCommand;
import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatSettings;
import dev.memebattle.chat.ChatSettingsStore;
import dev.memebattle.battle.LeaderboardCommand;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.TemplatesCommand;
import dev.memebattle.config.BotConfig;
import dev.memebattle.engine.MemeService;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.monitoring.HealthCheck;
import dev.memebattle.monitoring.MonitoringServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.bot.BotCore;
import dev.memebattle.store.Database;
import dev.memebattle.store.SqlBattleStore;
import dev.memebattle.store.SqlChatSettingsStore;
import dev.memebattle.store.SqlMemeCooldowns;
import dev.memebattle.store.SqlPostedMemes;
import dev.memebattle.store.SqlSavedTemplates;
import dev.memebattle.store.SqlWebhookDeliveries;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateImageStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root of the bot: the {@link MemeCore} plus chat state (database, settings,
 * rerolls, battles) and commands, built once from the configuration and closed in reverse order.
 * Platform adapters get the {@link #bot()} part only; CLI commands and tests take what they need.
 */
public record BotComponents(BotConfig config, TemplateCatalog catalog, TemplateImageStore images,
                            MemeRenderer renderer, CaptionWriter captions, MemeService memes,
                            TemplateResolver templates, SavedTemplates saved, ChatSettingsStore settings, ChatPolicy policy,
                            MemeCommand memeCommand, Rerolls rerolls, ChatCommands chat,
                            Database database, BattleEventBus battleEvents, BattleService battles,
                            BattleCommand battleCommand, ScheduledExecutorService scheduler,
                            MeterRegistry registry, BotMetrics metrics)
        implements AutoCloseable {

    public static BotComponents create(BotConfig config) {
        return create(config, MemeCore.captionWriter(config.caption()));
    }

    /** With a given caption writer (tests use one whose failures and texts they control). */
    public static BotComponents create(BotConfig config, CaptionWriter captions) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memebattle-scheduler");
            t.setDaemon(true);
            return t;
        });
        return create(config, captions, Clock.systemUTC(), scheduler);
    }

    /** With a clock and scheduler of the caller's (tests move time by hand). */
    public static BotComponents create(BotConfig config, CaptionWriter captions, Clock clock,
                                       ScheduledExecutorService scheduler) {
        // recorded only where someone can scrape it (metrics.port set); otherwise the meters are no-ops
        MeterRegistry registry = config.metrics().enabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
                : new CompositeMeterRegistry();
        registry.config().commonTags("application", "memebattle");
        for (MeterBinder binder : List.<MeterBinder>of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
        BotMetrics metrics = new BotMetrics(registry);
        Database database = Database.open(config.store(), System.getenv());
        database.bindMetrics(registry);
        Duration cacheTtl = Duration.ofSeconds(config.store().settingsCacheSeconds());
        MemeCore core = MemeCore.create(config, captions, new SqlSavedTemplates(database, cacheTtl), metrics);
        ChatSettingsStore settings = new SqlChatSettingsStore(database, clock, cacheTtl);
        SqlMemeCooldowns cooldowns = new SqlMemeCooldowns(database, clock);
        cooldowns.forgetExpiredHourly(scheduler, Duration.ofSeconds(ChatSettings.MAX_COOLDOWN_SECONDS));
        ChatPolicy policy = new ChatPolicy(settings, cooldowns, clock);
        MemeCommand memeCommand = new MemeCommand(core.templates(), core.memes(), policy, new Random(),
                core.pictureReader(), core.pictures());
        SqlPostedMemes posted = new SqlPostedMemes(database, core.templates(), clock);
        posted.forgetOldMemesDaily(scheduler, Duration.ofDays(30));
        Rerolls rerolls = new Rerolls(posted, policy, memeCommand, config.chat().rerollLimit());
        BattleEventBus battleEvents = new BattleEventBus();
        BattleService battles = new BattleService(new SqlBattleStore(database, core.templates()), core.memes(), core.templates(), policy,
                battleEvents, clock, scheduler, new Random(), metrics);
        BattleCommand battleCommand = new BattleCommand(battles, core.templates(), clock);
        BattleAdminCommand battleAdmin = new BattleAdminCommand(battles);
        ChatCommands chat = new ChatCommands(List.of(memeCommand, new TemplatesCommand(core.templates(), memeCommand),
                new AdminCommand(settings, core.templates(), core.saved(), battleAdmin), battleCommand,
                new LeaderboardCommand(battles), battleAdmin), metrics);
        return new BotComponents(config, core.catalog(), core.images(), core.renderer(), captions, core.memes(),
                core.templates(), core.saved(), settings, policy, memeCommand, rerolls, chat, database, battleEvents, battles,
                battleCommand, scheduler, registry, metrics);
    }

    /** What the platform adapters talk to. */
    public BotCore bot() {
        return new BotCore(catalog, templates, memes, policy, memeCommand, rerolls, chat, battles, battleCommand,
                battleEvents, Duration.ofSeconds(config.engine().requestTimeoutSeconds() + 10L), metrics);
    }

    /**
     * The operator's listener when {@code metrics.port} is set: {@code /metrics} from this registry;
     * alive while the meme workers move (none stuck for twice the request timeout); ready once the
     * database answers and the templates are loaded (platforms add their own checks).
     */
    public Optional<MonitoringServer> startMonitoring() {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            return Optional.empty(); // metrics.port is 0
        }
        Duration stuckAfter = Duration.ofSeconds(2L * config.engine().requestTimeoutSeconds());
        MonitoringServer server = MonitoringServer.start(config.metrics(), prometheus, () -> !memes.wedged(stuckAfter));
        server.ready(new HealthCheck("database", () -> database.reachable(Duration.ofSeconds(1))));
        server.ready(new HealthCheck("templates", () -> !catalog.all().isEmpty()));
        return Optional.of(server);
    }

    /** Webhook deliveries in the database; those older than a day are forgotten hourly on the shared scheduler. */
    public SqlWebhookDeliveries webhookDeliveries() {
        SqlWebhookDeliveries deliveries = new SqlWebhookDeliveries(database, Clock.systemUTC());
        deliveries.forgetOldHourly(scheduler, Duration.ofDays(1));
        return deliveries;
    }

    @Override
    public void close() {
        battles.close();
        scheduler.shutdownNow();
        memes.close();
        database.close();
    }
}
