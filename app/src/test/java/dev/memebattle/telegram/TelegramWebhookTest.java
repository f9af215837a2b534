package dev.memebattle.telegram;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ConfigException;
import dev.memebattle.config.Secrets;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static dev.memebattle.telegram.TelegramTestKit.TOKEN;
import static dev.memebattle.telegram.TelegramTestKit.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook mode end to end: the real telegrambots client makes its calls (setWebhook, sendPhoto, …)
 * to the fake Bot API; the test posts updates to the bot's webhook listener on 127.0.0.1 over real
 * HTTP, as Telegram would through a reverse proxy.
 */
class TelegramWebhookTest {

    static final String SECRET = "s3cret_Webhook-token";
    static final String PUBLIC_URL = "https://bot.example.com/telegram";
    static final long ALICE = 2001;
    private static final AtomicLong chats = new AtomicLong(-100800);

    static BotComponents core;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    FakeBotApi api;
    TelegramBot bot;
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
        api = new FakeBotApi(TOKEN, TelegramTestKit.BOT);
        bot = TelegramBot.start(core.bot(), TOKEN, webhookConfig(api), SECRET, core.webhookDeliveries());
        group = chats.decrementAndGet(); // chat settings live in the shared core
        api.chatType(group, "supergroup");
    }

    @AfterEach
    void stop() {
        bot.close();
        api.close();
    }

    static TelegramConfig webhookConfig(FakeBotApi api) {
        return TelegramConfig.defaults().withApiUrl(api.url()).withFlood(FAST)
                .withWebhook(new TelegramConfig.Webhook(true, PUBLIC_URL, "127.0.0.1", 0, "/telegram"));
    }

    URI webhookUri() {
        return URI.create("http://127.0.0.1:" + bot.webhookPort() + "/telegram");
    }

    int post(String secret, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header(WebhookServer.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int post(String secret, ObjectNode update) throws Exception {
        return post(secret, update.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A command from Alice in the group, taken from the fake's webhook outbox; its message id is in it. */
    ObjectNode command(String text) {
        api.sendText(group, ALICE, text);
        return api.takeForWebhook();
    }

    static int messageId(ObjectNode update) {
        return update.path("message").path("message_id").asInt();
    }

    List<Call> repliesTo(String method, int messageId) {
        return api.done(method, c -> c.params().path("reply_parameters").path("message_id").asInt() == messageId);
    }

    Call replyTo(String method, int messageId) {
        return api.awaitOne(method, c -> c.params().path("reply_parameters").path("message_id").asInt() == messageId, WAIT);
    }

    @Test
    void startSetsTheWebhookInsteadOfPolling() {
        Call set = api.calls("setWebhook").get(0);
        assertThat(api.calls("setWebhook")).hasSize(1);
        assertThat(set.text("url")).isEqualTo(PUBLIC_URL);
        assertThat(set.text("secret_token")).isEqualTo(SECRET);
        List<String> allowed = new ArrayList<>();
        set.params().path("allowed_updates").forEach(n -> allowed.add(n.asText()));
        assertThat(allowed).containsExactlyElementsOf(UpdateRouter.ALLOWED_UPDATES);
        assertThat(set.text("drop_pending_updates")).isEqualTo("false");
        assertThat(api.calls("deleteWebhook")).isEmpty();
        assertThat(api.offsets()).as("no getUpdates calls").isEmpty();
        assertThat(bot.webhookPort()).isPositive();
    }

    @Test
    void aCommandPostedToTheWebhookGetsAPhotoReply() throws Exception {
        ObjectNode update = command("/meme doge wow");
        assertThat(post(SECRET, update)).isEqualTo(200);
        Call photo = replyTo("sendPhoto", messageId(update));
        assertThat(photo.chatId()).isEqualTo(group);
        assertThat(photo.text("caption")).startsWith("wow");
        byte[] jpeg = photo.attached(photo.text("photo"));
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
    }

    @Test
    void aWrongOrMissingSecretIs401AndNothingIsHandled() throws Exception {
        ObjectNode wrong = command("/meme doge wrong secret");
        ObjectNode missing = command("/meme doge no secret");
        ObjectNode shorter = command("/meme doge shorter secret");
        assertThat(post("s3cret_Webhook-tokeX", wrong)).isEqualTo(401);
        assertThat(post(null, missing)).isEqualTo(401);
        assertThat(post(SECRET.substring(0, SECRET.length() - 1), shorter)).isEqualTo(401);

        ObjectNode right = command("/meme doge right");
        assertThat(post(SECRET, right)).isEqualTo(200);
        replyTo("sendPhoto", messageId(right));
        bot.close(); // lets everything that was accepted finish: any reply to the refused ones would be here now
        for (ObjectNode refused : List.of(wrong, missing, shorter)) {
            assertThat(api.calls().stream().filter(c -> c.params().path("reply_parameters").path("message_id").asInt()
                    == messageId(refused))).isEmpty();
        }
    }

    @Test
    void anUpdatePostedTwiceIsHandledOnce() throws Exception {
        ObjectNode update = command("/meme doge twice");
        assertThat(post(SECRET, update)).isEqualTo(200);
        assertThat(post(SECRET, update)).as("a retry is acknowledged, so Telegram stops sending it").isEqualTo(200);
        replyTo("sendPhoto", messageId(update));
        ObjectNode later = command("/meme doge later");
        assertThat(post(SECRET, later)).isEqualTo(200);
        replyTo("sendPhoto", messageId(later));
        bot.close();
        assertThat(repliesTo("sendPhoto", messageId(update))).hasSize(1);
    }

    /**
     * Two bot processes behind one load balancer, on one database: Telegram's retry of an update
     * reaches the other process, which acknowledges it without handling it again.
     */
    @Test
    void aRetryThatReachesAnotherProcessIsHandledOnce() throws Exception {
        TelegramBot other = TelegramBot.start(core.bot(), TOKEN, webhookConfig(api), SECRET, core.webhookDeliveries());
        ObjectNode update = command("/meme doge across processes");
        try {
            assertThat(post(SECRET, update)).isEqualTo(200);
            replyTo("sendPhoto", messageId(update));
            HttpRequest retry = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.webhookPort() + "/telegram"))
                    .header("Content-Type", "application/json").header(WebhookServer.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(update.toString())).build();
            assertThat(http.send(retry, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            ObjectNode later = command("/meme doge only the other one");
            HttpRequest fresh = HttpRequest.newBuilder(retry.uri()).header("Content-Type", "application/json")
                    .header(WebhookServer.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(later.toString())).build();
            assertThat(http.send(fresh, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            replyTo("sendPhoto", messageId(later)); // the other process does handle what is new to it
        } finally {
            other.close();
        }
        bot.close(); // both processes have sent everything they were going to
        assertThat(repliesTo("sendPhoto", messageId(update))).hasSize(1);
    }

    @Test
    void oversizedBadJsonWrongMethodAndPathAreRefusedAndTheBotKeepsWorking() throws Exception {
        byte[] huge = new byte[WebhookServer.MAX_BODY_BYTES + 1000];
        Arrays.fill(huge, (byte) ' ');
        assertThat(post(SECRET, huge)).isEqualTo(413);
        assertThat(post(SECRET, "{\"update_id\": 5, \"message\": ".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
        assertThat(post(SECRET, "[1,2,3]".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
        assertThat(post(SECRET, "{}".getBytes(StandardCharsets.UTF_8))).as("no update_id").isEqualTo(400);
        assertThat(post(SECRET, new byte[0])).isEqualTo(400);

        HttpResponse<Void> get = http.send(HttpRequest.newBuilder(webhookUri()).header(WebhookServer.SECRET_HEADER, SECRET)
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<Void> elsewhere = http.send(HttpRequest.newBuilder(URI.create(webhookUri() + "x"))
                .header(WebhookServer.SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(command("/help").toString())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(elsewhere.statusCode()).isEqualTo(404);

        ObjectNode update = command("/meme doge still here");
        assertThat(post(SECRET, update)).isEqualTo(200);
        assertThat(replyTo("sendPhoto", messageId(update)).text("caption")).startsWith("still here");
        // an update of a kind we do not handle, with a field newer than our library: acknowledged, no crash
        ObjectNode edited = command("/meme doge edited");
        edited.set("edited_message", edited.remove("message"));
        edited.putObject("brand_new_field").put("x", 1);
        assertThat(post(SECRET, edited)).isEqualTo(200);
        ObjectNode after = command("/meme doge after");
        assertThat(post(SECRET, after)).isEqualTo(200);
        replyTo("sendPhoto", messageId(after));
    }

    @Test
    void closingStopsListeningFinishesAcceptedWorkAndLeavesTheWebhookSet() throws Exception {
        int port = bot.webhookPort();
        ObjectNode update = command("/meme doge before shutdown");
        assertThat(post(SECRET, update)).isEqualTo(200);
        bot.close(); // no wait for the reply first: shutdown lets accepted updates finish
        assertThat(repliesTo("sendPhoto", messageId(update))).hasSize(1);
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
        assertThat(api.calls("deleteWebhook")).isEmpty();
        assertThat(api.webhook()).isNotNull();
    }

    @Test
    void switchingBackToLongPollingDeletesTheWebhookAndGetsTheUpdatesKeptMeanwhile() {
        bot.close();
        int kept = api.sendText(group, ALICE, "/meme doge kept for later"); // Telegram keeps it for the webhook
        bot = TelegramBot.start(core.bot(), TOKEN, TelegramConfig.defaults().withApiUrl(api.url()).withFlood(FAST));
        assertThat(api.calls("deleteWebhook")).hasSize(1);
        assertThat(api.webhook()).isNull();
        assertThat(bot.webhookPort()).isZero();
        assertThat(replyTo("sendPhoto", kept).text("caption")).startsWith("kept for later");
    }

    @Test
    void theSecretIsNeverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            bot.close();
            bot = TelegramBot.start(core.bot(), TOKEN, webhookConfig(api), SECRET, core.webhookDeliveries());
            assertThat(post("wrong", command("/help"))).isEqualTo(401);
            assertThat(post(SECRET, "not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
            ObjectNode update = command("/meme doge logged");
            assertThat(post(SECRET, update)).isEqualTo(200);
            replyTo("sendPhoto", messageId(update));
            bot.close();
        } finally {
            root.detachAppender(logs);
        }
        List<String> lines = logs.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).anyMatch(l -> l.contains("webhook " + PUBLIC_URL));
        assertThat(lines).anyMatch(l -> l.contains("without the right secret token"));
        assertThat(lines).noneMatch(l -> l.contains(SECRET) || l.contains("TEST-token"));
        assertThat(Secrets.fromEnvironment(Map.of("TELEGRAM_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_SECRET", SECRET)))
                .satisfies(s -> assertThat(s.telegramWebhook()).hasValue(SECRET))
                .hasToString("Secrets[discord=unset, telegram=set, telegram webhook secret=set]");
    }

    @Test
    void webhookSettingsAreReadAndCheckedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        assertThat(TelegramConfig.defaults().webhook())
                .isEqualTo(new TelegramConfig.Webhook(false, "", "127.0.0.1", 8443, "/telegram"));
        Path file = dir.resolve("config.yml");
        Files.writeString(file, """
                telegram:
                  webhook:
                    enabled: true
                    public_url: https://bot.example.org/tg/hook
                    listen_host: 0.0.0.0
                    listen_port: 9000
                    path: /tg/hook
                """);
        assertThat(BotConfig.load(file, Map.of()).telegram().webhook())
                .isEqualTo(new TelegramConfig.Webhook(true, "https://bot.example.org/tg/hook", "0.0.0.0", 9000, "/tg/hook"));
        Files.writeString(file, "telegram:\n  webhook:\n    secret_token: abc\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret_token");

        TelegramConfig.Webhook ok = new TelegramConfig.Webhook(true, PUBLIC_URL, null, 0, null);
        ok.requireUsable(SECRET);
        assertThatThrownBy(() -> ok.requireUsable(null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET");
        assertThatThrownBy(() -> ok.requireUsable("has spaces and é")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("has spaces"));
        assertThatThrownBy(() -> ok.requireUsable("x".repeat(257))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new TelegramConfig.Webhook(true, "http://bot.example.com/telegram", null, null, null)
                .requireUsable(SECRET)).isInstanceOf(ConfigException.class).hasMessageContaining("public_url");
        assertThatThrownBy(() -> new TelegramConfig.Webhook(true, "", null, null, null)
                .requireUsable(SECRET)).isInstanceOf(ConfigException.class).hasMessageContaining("public_url");
        assertThatThrownBy(() -> new TelegramConfig.Webhook(true, PUBLIC_URL, null, 70000, null)
                .requireUsable(SECRET)).isInstanceOf(ConfigException.class).hasMessageContaining("listen_port");
        assertThatThrownBy(() -> new TelegramConfig.Webhook(true, PUBLIC_URL, null, null, "telegram")
                .requireUsable(SECRET)).isInstanceOf(ConfigException.class).hasMessageContaining("path");

        // webhook mode without the secret: refused before login, nothing set at Telegram
        try (FakeBotApi fresh = new FakeBotApi(TOKEN, TelegramTestKit.BOT)) {
            assertThatThrownBy(() -> TelegramBot.start(core.bot(), TOKEN, webhookConfig(fresh)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_WEBHOOK_SECRET");
            assertThat(fresh.calls()).isEmpty();
        }
    }

    @Test
    void aPortInUseOrARefusedWebhookFailsTheStartClearly() throws Exception {
        TelegramConfig taken = webhookConfig(api).withWebhook(
                new TelegramConfig.Webhook(true, PUBLIC_URL, "127.0.0.1", bot.webhookPort(), "/telegram"));
        assertThatThrownBy(() -> TelegramBot.start(core.bot(), TOKEN, taken, SECRET, core.webhookDeliveries()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + bot.webhookPort());

        api.failNext("setWebhook", 1, new FakeBotApi.Failure(400, "Bad Request: bad webhook: Failed to resolve host", null));
        assertThatThrownBy(() -> TelegramBot.start(core.bot(), TOKEN, webhookConfig(api), SECRET, core.webhookDeliveries()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setWebhook")
                .hasMessageContaining("Failed to resolve host")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
    }
}
