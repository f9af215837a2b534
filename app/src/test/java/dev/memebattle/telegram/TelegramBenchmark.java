package dev.memebattle.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.TelegramConfig;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Prints inline-query latency (update pushed by the fake Bot API → answerInlineQuery received,
 * 5 candidates, Telegram's real flood limits) and send-queue throughput. Not a test: numbers vary
 * by machine. Uses the test kit's seed-dependent caption writer (the fallback writer ignores the
 * seed, so its candidates collapse into one). Run from the project root after
 * {@code mvn -o -q test-compile}:
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.memebattle.telegram.TelegramBenchmark</pre>
 * with {@code cp.txt} from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class TelegramBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("memebattle.shared.data", System.getProperty("memebattle.shared.data", "../shared/data"));
        // readable output: the engine logs every meme at INFO
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.memebattle", "org.telegram")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        BotComponents core = TelegramTestKit.core();
        if (args.length > 0 && (args[0].equals("inline-burst") || args[0].equals("inline-steady"))) {
            // inline-burst [queries] [seconds] (30 in 3 s), inline-steady [queries] [seconds] (60 in 30 s):
            // storage mode (one storage group) and URL mode, Telegram's limits on
            boolean burst = args[0].equals("inline-burst");
            try {
                int queries = args.length > 1 ? Integer.parseInt(args[1]) : burst ? 30 : 60;
                int seconds = args.length > 2 ? Integer.parseInt(args[2]) : burst ? 3 : 30;
                String modes = System.getProperty("bench.modes", "storage,url"); // -Dbench.modes=url: one mode
                if (modes.contains("storage")) {
                    inlineQueries(core, queries, seconds, false);
                }
                if (modes.contains("url")) {
                    inlineQueries(core, queries, seconds, true);
                }
            } finally {
                core.close();
            }
            return;
        }
        if (args.length > 0 && args[0].equals("burst")) {
            // burst [commands] [faults]
            try {
                burst(core, args.length > 1 ? Integer.parseInt(args[1]) : 1000, args.length > 2 && Boolean.parseBoolean(args[2]));
            } finally {
                core.close();
            }
            return;
        }
        try {
            inlineLatency(core);
            webhookAck(core);
            queueOverhead();
            httpThroughput();
            realLimitsThroughput();
        } finally {
            core.close();
        }
    }

    /**
     * {@code commands} /meme commands at once, each from its own private chat (flood limits then
     * pace only the global rate); with {@code faults} the first 5% of photo uploads get a 500 and
     * the next 2% a 502, and getUpdates is down (502) for 5 s from the middle of the burst on: the
     * second half waits at Telegram meanwhile. Reports answered, lost, duplicate memes, reply latency
     * and RSS.
     */
    static void burst(BotComponents core, int commands, boolean faults) throws Exception {
        dev.memebattle.cli.MemoryTuning.apply(); // as `run` does
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, TelegramTestKit.FAST, "")) {
            FakeBotApi api = running.api();
            if (faults) {
                api.failNext("sendPhoto", commands / 20, new FakeBotApi.Failure(500, "Internal Server Error", null));
                api.failNext("sendPhoto", commands / 50, new FakeBotApi.Failure(502, "Bad Gateway", null));
            }
            java.util.Map<Long, long[]> sent = new java.util.concurrent.ConcurrentHashMap<>(); // chat -> {command id, at}
            long start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                if (faults && i == commands / 2) {
                    api.outage("getUpdates", java.time.Duration.ofSeconds(5));
                }
                long chat = 5_000_000L + i;
                int id = api.sendText(chat, chat, "/meme drake burst " + i + " | fast");
                sent.put(chat, new long[]{id, System.nanoTime()});
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
            java.util.Map<Long, List<FakeBotApi.Call>> replies = java.util.Map.of();
            while (System.nanoTime() < deadline) {
                replies = api.calls().stream().filter(c -> !c.failed() && sent.containsKey(chatOf(c))
                                && (c.method().equals("sendphoto") || c.method().equals("sendmessage")))
                        .collect(java.util.stream.Collectors.groupingBy(TelegramBenchmark::chatOf));
                if (replies.size() >= commands) {
                    break;
                }
                Thread.sleep(100);
            }
            long memes = replies.values().stream().flatMap(List::stream).filter(c -> c.method().equals("sendphoto")).count();
            long duplicates = replies.values().stream()
                    .filter(l -> l.stream().filter(c -> c.method().equals("sendphoto")).count() > 1).count();
            long[] latency = replies.entrySet().stream()
                    .mapToLong(e -> e.getValue().get(0).atNanos() - sent.get(e.getKey())[1]).sorted().toArray();
            long last = replies.values().stream().flatMap(List::stream).mapToLong(FakeBotApi.Call::atNanos).max().orElse(start);
            System.out.printf(java.util.Locale.ROOT, "telegram burst %d commands (faults %s): answered %d, lost %d, "
                            + "duplicate memes %d, memes %d, failed sends seen %d; reply p50 %.0f ms, p99 %.0f ms; "
                            + "%.1f replies/s; RSS %d MB%n", commands, faults ? "on" : "off", replies.size(),
                    commands - replies.size(), duplicates, memes, api.calls().stream().filter(FakeBotApi.Call::failed).count(),
                    latency.length == 0 ? 0 : latency[latency.length / 2] / 1e6,
                    latency.length == 0 ? 0 : latency[(int) Math.min(latency.length - 1, Math.ceil(latency.length * 0.99) - 1)] / 1e6,
                    replies.size() / Math.max(1e-9, (last - start) / 1e9), dev.memebattle.discord.DiscordBenchmark.rssMb());
        }
    }

    private static long chatOf(FakeBotApi.Call c) {
        try {
            return c.chatId();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    static void inlineLatency(BotComponents core) throws Exception {
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, TelegramConfig.Flood.DEFAULTS, "-1009999")) {
            FakeBotApi api = running.api();
            api.chatType(-1009999, "channel");
            inline(api, "doge warm up", ""); // JIT, fonts, template image
            List<Long> cold = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                long t0 = System.nanoTime();
                cold.add(inline(api, "doge wow " + i, ""));
                // a new user types every ~1.2 s: the storage chat's 1 msg/s pacing is not in the way
                Thread.sleep(Math.max(0, 1200 - (System.nanoTime() - t0) / 1_000_000));
            }
            print("inline, new query (render 5 + 1 media-group upload)", cold);
            List<Long> burst = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                burst.add(inline(api, "doge such burst " + i, ""));
            }
            print("inline, new queries back to back (storage chat paced at 1 msg/s)", burst);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                warm.add(inline(api, "doge wow " + (i % 25), ""));
            }
            print("inline, repeated query (render cache + cached file_ids)", warm);
        }
        // the same queries with candidates by URL (telegram.inline_images): nothing is uploaded
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, c -> c.withFlood(TelegramConfig.Flood.DEFAULTS)
                .withInlineImages(new TelegramConfig.InlineImages("https://bot.example.com/memes", "127.0.0.1", 0)))) {
            FakeBotApi api = running.api();
            inline(api, "doge warm up by url", "");
            List<Long> cold = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                cold.add(inline(api, "doge by url " + i, ""));
            }
            print("inline by URL, new query (render 5, no upload)", cold);
            List<Long> burst = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                burst.add(inline(api, "doge such url burst " + i, ""));
            }
            print("inline by URL, new queries back to back", burst);
        }
    }

    /** Templates of a burst: stills and GIFs (rollsafe renders over Telegram's 1 MB for GIFs by URL). */
    private static final List<String> BURST_TEMPLATES = List.of("doge", "drake", "rollsafe", "cmm", "bongo", "fry");

    /**
     * Inline queries against a fake Bot API that enforces Telegram's limits (an answer only counts within
     * 10 s; a group takes 20 messages a minute, else 429), in storage mode (one storage group) or by URL,
     * with warm candidates on (the default 8 templates). First each template is asked for once on its own
     * ({@code @bot doge}: JIT, fonts, template pictures, and the warm candidates a running bot has), then
     * the storage group's minute passes, as between real bursts. Then {@code queries} distinct queries from
     * as many users, evenly over {@code seconds}: a burst (30 in 3 s) or a steady rate (60 in 30 s).
     * Reports: answered with memes within 3 s (URL mode: 2 s), of them with a fresh candidate (the
     * user's own words) first; answered at all; "nothing right now"; refused as too old; latency;
     * candidates per answer; uploads (messages to the storage chat) per answered query and after every
     * query had expired; 429s.
     */
    static void inlineQueries(BotComponents core, int queries, int seconds, boolean byUrl) throws Exception {
        String storage = "-1009999";
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, c -> {
            TelegramConfig config = c.withFlood(TelegramConfig.Flood.DEFAULTS)
                    .withInlineWarmTemplates(TelegramConfig.defaults().inlineWarmTemplates());
            return byUrl ? config.withInlineImages(new TelegramConfig.InlineImages("https://bot.example.com/memes", "127.0.0.1", 0))
                    : config.withStorageChats(List.of(storage));
        })) {
            FakeBotApi api = running.api();
            api.chatType(Long.parseLong(storage), "supergroup");
            for (String template : BURST_TEMPLATES) { // not measured
                String id = api.inline(4000, template, "");
                api.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), Duration.ofSeconds(60));
            }
            Thread.sleep(byUrl ? 20_000 : 65_000); // the storage group's minute passes, as between real bursts
            api.enforceTelegramLimits();
            int floodBefore = api.floodRefusals();
            List<String> ids = new ArrayList<>();
            long gap = TimeUnit.SECONDS.toNanos(seconds) / queries;
            long t0 = System.nanoTime();
            for (int i = 0; i < queries; i++) {
                long due = t0 + i * gap;
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                // each mode its own words: the modes share one engine, whose render cache would answer the second
                ids.add(api.inline(7000 + i, BURST_TEMPLATES.get(i % BURST_TEMPLATES.size()) + (byUrl ? " link " : " query ") + i, ""));
            }
            long lastPushed = api.inlinePushedAt(ids.get(ids.size() - 1));
            Thread.sleep(FakeBotApi.INLINE_WINDOW.toMillis() + 5000);
            List<Long> latencies = new ArrayList<>();
            int withinTarget = 0;
            int freshWithinTarget = 0;
            int refused = 0;
            int empty = 0;
            int candidates = 0;
            long target = TimeUnit.SECONDS.toNanos(byUrl ? 2 : 3);
            for (String id : ids) {
                List<FakeBotApi.Call> answers = api.calls("answerInlineQuery").stream()
                        .filter(c -> id.equals(c.text("inline_query_id"))).toList();
                for (FakeBotApi.Call a : answers) {
                    if (a.failed()) {
                        refused++;
                        continue;
                    }
                    long took = a.atNanos() - api.inlinePushedAt(id);
                    int memes = 0;
                    for (com.fasterxml.jackson.databind.JsonNode r : a.params().path("results")) {
                        memes += r.path("type").asText().equals("article") ? 0 : 1;
                    }
                    if (memes == 0) {
                        empty++; // "nothing to show right now": answered, but without a meme
                        continue;
                    }
                    latencies.add(took);
                    if (System.getProperty("bench.debug") != null) {
                        System.out.println("query " + ids.indexOf(id) + ": " + took / 1_000_000 + " ms, first "
                                + a.params().path("results").path(0).path("id").asText() + ", " + memes + " memes");
                    }
                    candidates += memes;
                    if (took <= target) {
                        withinTarget++;
                        // fresh candidates come first, with ids "p…"; warm ones ("w…") fill up
                        freshWithinTarget += a.params().path("results").path(0).path("id").asText().startsWith("p") ? 1 : 0;
                    }
                }
            }
            if (System.getProperty("bench.debug") != null) {
                api.calls().stream().filter(c -> c.atNanos() > t0).forEach(c -> System.out.println(
                        (c.atNanos() - t0) / 1_000_000 + " ms " + c.method() + " " + (c.method().equalsIgnoreCase("answerInlineQuery")
                        ? c.params().path("results").toString().replaceAll("\"(photo_url|thumbnail_url|description|caption_entities|title)\":(\"[^\"]*\"|\\[\\])", "")
                        : c.text("chat_id") + " " + c.params().path("media").size())));
            }
            long expiredAll = lastPushed + FakeBotApi.INLINE_WINDOW.toNanos();
            List<FakeBotApi.Call> uploads = api.calls().stream()
                    .filter(c -> List.of("sendphoto", "sendmediagroup", "sendanimation").contains(c.method().toLowerCase(java.util.Locale.ROOT))
                            && storage.equals(c.text("chat_id")) && !c.failed())
                    .filter(c -> c.atNanos() > t0).toList();
            long late = uploads.stream().filter(c -> c.atNanos() > expiredAll).count();
            latencies.sort(null);
            System.out.printf(java.util.Locale.ROOT, "inline (%s): %d queries in %d s: %d answered with memes within %d s"
                            + " (%d with a fresh candidate first), %d with memes, %d with \"nothing right now\", %d refused as too old;"
                            + " answer p50 %.0f ms, p99 %.0f ms; %.1f candidates per answer;"
                            + " %d uploads (%.2f per answered query), %d after every query had expired; %d 429s%n",
                    byUrl ? "by URL" : "storage group", queries, seconds, withinTarget, byUrl ? 2 : 3, freshWithinTarget,
                    latencies.size(), empty, refused,
                    percentile(latencies, 50), percentile(latencies, 99),
                    latencies.isEmpty() ? 0.0 : candidates / (double) latencies.size(), uploads.size(),
                    latencies.isEmpty() ? 0.0 : uploads.size() / (double) latencies.size(), late,
                    api.floodRefusals() - floodBefore);
        }
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    /** Nanoseconds from the update to the answer; checks it has (nearly) 5 candidates. */
    private static long inline(FakeBotApi api, String query, String offset) {
        long start = System.nanoTime();
        String id = api.inline(4242, query, offset);
        FakeBotApi.Call answer = api.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")),
                Duration.ofSeconds(60));
        // 5 candidates, of which two may collide: the test kit's writer has 256 captions per template
        if (answer.params().path("results").size() < 4) {
            throw new IllegalStateException("only " + answer.params().path("results").size() + " candidates for " + query);
        }
        return answer.atNanos() - start;
    }

    /**
     * Webhook mode: how long a post takes to be answered 200 (secret check, JSON → Update, retry
     * check, hand-over to the router), over one kept-alive connection as a proxy would use.
     * Plain chat messages, which the bot reads and ignores, so replies do not pile up.
     */
    static void webhookAck(BotComponents core) throws Exception {
        String secret = "bench_secret";
        try (FakeBotApi api = new FakeBotApi(TelegramTestKit.TOKEN, TelegramTestKit.BOT)) {
            TelegramConfig config = TelegramConfig.defaults().withApiUrl(api.url())
                    .withWebhook(new TelegramConfig.Webhook(true, "https://bot.example.com/telegram", "127.0.0.1", 0, null));
            try (TelegramBot bot = TelegramBot.start(core.bot(), TelegramTestKit.TOKEN, config, secret, core.webhookDeliveries())) {
                java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + bot.webhookPort() + "/telegram");
                List<Long> micros = new ArrayList<>();
                int n = 3000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    api.sendText(5000 + i % 50, 5000 + i % 50, "just chatting " + i);
                    byte[] body = api.takeForWebhook().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    long start = System.nanoTime();
                    int status = http.send(java.net.http.HttpRequest.newBuilder(uri)
                            .header(WebhookServer.SECRET_HEADER, secret)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException("webhook answered " + status);
                    }
                    if (i >= 500) { // the first ones warm up the JIT
                        micros.add((System.nanoTime() - start) / 1000);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Collections.sort(micros);
                System.out.printf(Locale.ROOT, "webhook post → 200 (one connection, sequential): n=%d p50 %.2f ms, "
                                + "p99 %.2f ms, max %.2f ms; %.0f posts/s%n", micros.size(), pct(micros, 0.50) / 1000,
                        pct(micros, 0.99) / 1000, micros.get(micros.size() - 1) / 1000.0, n / seconds);
            }
        }
    }

    /** The queue's own cost: no limits, sends that complete at once. */
    static void queueOverhead() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 1_000_000, 1000, 1_000_000), timer);
            for (int round = 0; round < 2; round++) {
                int n = 200_000;
                long t0 = System.nanoTime();
                List<CompletableFuture<Integer>> all = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int k = i;
                    all.add(queue.submit(Integer.toString(i % 1000), (i & 1) == 0, "bench",
                            () -> CompletableFuture.completedFuture(k)));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                double s = (System.nanoTime() - t0) / 1e9;
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "send queue alone (no limits, 1000 chats): %,.0f sends/s%n", n / s);
                }
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** Real client → fake Bot API over loopback, limits off: what the queue plus HTTP can push. */
    static void httpThroughput() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        OkHttpClient http = client();
        try (FakeBotApi api = new FakeBotApi(TelegramTestKit.TOKEN, TelegramTestKit.BOT)) {
            OkHttpTelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), http, TelegramTestKit.TOKEN,
                    TelegramBot.apiUrl(api.url()));
            BotApi botApi = new BotApi(client, timer);
            SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 1_000_000, 1000, 1_000_000), timer);
            for (int round = 0; round < 2; round++) {
                int n = 3000;
                long t0 = System.nanoTime();
                List<CompletableFuture<?>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long chat = 1 + i % 100;
                    all.add(queue.submit(Long.toString(chat), false, "sendMessage",
                            () -> botApi.call(SendMessage.builder().chatId(chat).text("hello " + chat).build())));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                double s = (System.nanoTime() - t0) / 1e9;
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "sendMessage through queue + HTTP to the fake (no limits, 100 chats): "
                            + "%,.0f msgs/s%n", n / s);
                }
            }
        } finally {
            timer.shutdownNow();
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
    }

    /** Telegram's limits: 30/s overall caps many chats; one group gets 1/s. */
    static void realLimitsThroughput() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        OkHttpClient http = client();
        try (FakeBotApi api = new FakeBotApi(TelegramTestKit.TOKEN, TelegramTestKit.BOT)) {
            OkHttpTelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), http, TelegramTestKit.TOKEN,
                    TelegramBot.apiUrl(api.url()));
            BotApi botApi = new BotApi(client, timer);
            SendQueue warmUp = new SendQueue(new TelegramConfig.Flood(0, 1_000_000, 1000, 1_000_000), timer);
            List<CompletableFuture<?>> warm = new ArrayList<>();
            for (int i = 0; i < 300; i++) { // connections and JIT, so the limits are what is measured
                long chat = 10_000 + i;
                warm.add(warmUp.submit(Long.toString(chat), false, "sendMessage",
                        () -> botApi.call(SendMessage.builder().chatId(chat).text("warm").build())));
            }
            CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();

            SendQueue queue = new SendQueue(TelegramConfig.Flood.DEFAULTS, timer);
            long t0 = System.nanoTime();
            List<CompletableFuture<?>> group = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                group.add(queue.submit("-100", true, "sendMessage",
                        () -> botApi.call(SendMessage.builder().chatId(-100L).text("group").build())));
            }
            int n = 150;
            List<CompletableFuture<?>> privates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long chat = 1 + i;
                privates.add(queue.submit(Long.toString(chat), false, "sendMessage",
                        () -> botApi.call(SendMessage.builder().chatId(chat).text("hi").build())));
            }
            CompletableFuture.allOf(privates.toArray(CompletableFuture[]::new)).join();
            double s = (System.nanoTime() - t0) / 1e9;
            CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).join();
            List<Long> inGroup = api.calls("sendMessage").stream().filter(c -> c.chatId() == -100)
                    .map(FakeBotApi.Call::atNanos).sorted().toList();
            System.out.printf(Locale.ROOT, "real limits: %d messages to %d private chats (+5 to one group): %.1f msgs/s "
                            + "(limit 30/s); the group's sends %.2f s apart on average (limit 1/s)%n",
                    n, n, (n + group.size()) / s, (inGroup.get(inGroup.size() - 1) - inGroup.get(0)) / 1e9 / (inGroup.size() - 1));
        } finally {
            timer.shutdownNow();
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
    }

    /** As the bot's: up to 64 requests in flight. */
    private static OkHttpClient client() {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(64);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder().dispatcher(dispatcher).build();
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", what, s.size(),
                pct(s, 0.50) / 1e6, pct(s, 0.99) / 1e6, s.get(s.size() - 1) / 1e6);
    }

    private static double pct(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private TelegramBenchmark() {
    }

}
