package dev.memebattle.discord;

import dev.memebattle.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake Discord on 127.0.0.1 for the real JDA client: REST on the JDK HttpServer, the gateway on
 * Java-WebSocket. It records every REST request and gateway frame, answers like Discord does for
 * what the bot uses, and can inject failures (429, 500, closed gateway).
 */
final class FakeDiscord implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs
        // every answer then waits ~40 ms. Read once, when the first HttpServer is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final long DISCORD_EPOCH = 1420070400000L;
    static final String BOT_ID = "100000000000000001";
    /** On shard 1 of 2 ((id >> 22) % 2 == 1), so a sharded bot must route; direct messages are on shard 0. */
    static final String GUILD_ID = "200000000004194305";
    static final String CHANNEL_ID = "300000000000000001";
    /** The direct-message channel between the bot and any user (one is enough for the tests). */
    static final String DM_CHANNEL_ID = "310000000000000001";
    static final String ADMIN_ROLE = "400000000000000001";
    static final String BOT_ROLE = "400000000000000002";
    static final String OWNER_ID = "500000000000000099";

    static final long MANAGE_GUILD = 1L << 5;
    static final long MANAGE_MESSAGES = 1L << 13;
    static final long MEMBER_PERMISSIONS = (1L << 6) | (1L << 10) | (1L << 11) | (1L << 14) | (1L << 15) | (1L << 16)
            | (1L << 31);

    /** A member who sends commands and reacts. */
    record User(String id, String name, boolean admin) {
    }

    /**
     * A REST failure to answer instead of the normal reply, {@code times} times; with {@code afterDoing}
     * the request is carried out first (a 5xx that hides a message Discord did create).
     */
    static final class Fault {
        final Predicate<RecordedRequest> when;
        final int status;
        final Map<String, String> headers;
        final String body;
        final AtomicInteger remaining;
        final boolean afterDoing;

        Fault(Predicate<RecordedRequest> when, int times, int status, Map<String, String> headers, String body,
              boolean afterDoing) {
            this.when = when;
            this.remaining = new AtomicInteger(times);
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.afterDoing = afterDoing;
        }
    }

    /** A message the bot posted or edited, as the fake stores it. */
    record StoredMessage(String id, String token, String content, byte[] image, String filename, boolean ephemeral) {
    }

    private final ObjectMapper json = new ObjectMapper();
    /** How long Discord waits for an interaction's first answer (reply, defer, or autocomplete choices). */
    static final Duration INTERACTION_WINDOW = Duration.ofSeconds(3);
    private final HttpServer rest;
    private final ExecutorService restThreads;
    private final Gateway gateway;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, StoredMessage> messages = new ConcurrentHashMap<>();
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<java.util.function.Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<Predicate<RecordedRequest>, CountDownLatch>> holds = new CopyOnWriteArrayList<>();
    /** Interaction token → id of its original response (the deferred "thinking" message, then the answer). */
    private final Map<String, String> originals = new ConcurrentHashMap<>();
    /** Deferred interactions whose first follow-up has not come yet: Discord makes that one the original. */
    private final Set<String> awaitingFirstFollowUp = ConcurrentHashMap.newKeySet();
    /** Interaction token → when it was created: Discord takes the first answer within 3 s only. */
    private final Map<String, Long> createdNanos = new ConcurrentHashMap<>();
    /** Tokens answered once (a second answer is refused, as Discord does). */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger expiredInteractions = new AtomicInteger();
    /** Interaction tokens of direct-message interactions: their messages are in the DM channel. */
    private final Set<String> dmTokens = ConcurrentHashMap.newKeySet();
    /** message id → emoji → user id → user name: who reacts now, as Discord answers when asked. */
    private final Map<String, Map<String, NavigableMap<Long, String>>> reactions = new ConcurrentHashMap<>();
    /** The shard count /gateway/bot recommends. */
    private volatile int recommendedShards = 1;
    /** Permissions the channel denies the bot's role (sent with the next GUILD_CREATE, i.e. the next login). */
    private volatile long deniedToBot;
    /** Permissions the channel grants the bot's role on top of a member's (changed live with CHANNEL_UPDATE). */
    private volatile long allowedToBot;

    FakeDiscord() throws IOException, InterruptedException {
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        AtomicInteger threadNo = new AtomicInteger();
        restThreads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-discord-rest-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        rest.setExecutor(restThreads);
        rest.createContext("/", this::handle);
        rest.createContext("/attachments/", this::serveAttachment);
        rest.start();
        gateway = new Gateway();
        gateway.start();
        if (!gateway.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String restUrl() {
        return "http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/";
    }

    String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort();
    }

    /** The fake's attachment CDN (Discord's is cdn.discordapp.com). */
    String cdnUrl() {
        return "http://127.0.0.1:" + rest.getAddress().getPort() + "/attachments/";
    }

    // ---- attachments ----

    /** Attachment bytes by id, as the CDN serves them. */
    private final Map<String, byte[]> attachmentFiles = new ConcurrentHashMap<>();
    /** Downloads of each attachment id (a refused one must never be fetched). */
    private final Map<String, AtomicInteger> attachmentDownloads = new ConcurrentHashMap<>();

    private void serveAttachment(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().replaceFirst("^/attachments/([^/]+)/.*$", "$1");
        attachmentDownloads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        byte[] file = attachmentFiles.get(id);
        exchange.sendResponseHeaders(file == null ? 404 : 200, file == null ? -1 : file.length);
        if (file != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file);
            }
        }
        exchange.close();
    }

    int attachmentDownloads(String attachmentId) {
        AtomicInteger n = attachmentDownloads.get(attachmentId);
        return n == null ? 0 : n.get();
    }

    /** An attachment as an interaction resolves it: served by the fake CDN unless {@code url} puts it elsewhere. */
    record Attachment(String id, String filename, byte[] bytes, long declaredSize, String url) {
    }

    Attachment attachment(String filename, byte[] bytes) {
        String id = Long.toString(910_000_000_000_000_000L + nextId.getAndIncrement());
        attachmentFiles.put(id, bytes);
        return new Attachment(id, filename, bytes, bytes.length, cdnUrl() + id + "/" + filename);
    }

    /**
     * A message context-menu command ({@code name}, e.g. "Make a meme") on a message {@code author}
     * posted in the channel, with {@code attachment} on it (or none).
     */
    Sent messageCommand(User user, String name, User author, Attachment attachment) {
        String messageId = snowflakeNow(nextId.getAndIncrement());
        ObjectNode target = messageJson(messageId, CHANNEL_ID, "look at this", null, 0, false);
        target.set("author", user(author.id(), author.name(), false));
        if (attachment != null) {
            ((ArrayNode) target.get("attachments")).addObject().put("id", attachment.id())
                    .put("filename", attachment.filename()).put("size", attachment.declaredSize())
                    .put("url", attachment.url()).put("proxy_url", attachment.url()).put("content_type", "image/png")
                    .put("width", 64).put("height", 64);
        }
        ObjectNode data = json.createObjectNode();
        data.put("id", "600000000000000009").put("name", name).put("type", 3).put("target_id", messageId);
        data.putObject("resolved").putObject("messages").set(messageId, target);
        return interaction(user, 2, data, null);
    }

    /** A slash command with {@code attachment} as its {@code option} (type 11), resolved as Discord does. */
    Sent slashWithAttachment(User user, String command, String option, Attachment attachment, JsonNode... options) {
        JsonNode[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = picture(option, attachment);
        return slashWithResolved(user, command, attachment, all);
    }

    /**
     * A slash command whose options (top level, or inside {@link #sub}/{@link #group}) include a
     * {@link #picture} of {@code attachment}: Discord sends the attachment itself under "resolved".
     */
    Sent slashWithResolved(User user, String command, Attachment attachment, JsonNode... options) {
        ObjectNode data = json.createObjectNode();
        data.put("id", "600000000000000001").put("name", command).put("type", 1);
        ArrayNode opts = data.putArray("options");
        for (JsonNode o : options) {
            opts.add(o);
        }
        data.putObject("resolved").putObject("attachments").putObject(attachment.id())
                .put("id", attachment.id()).put("filename", attachment.filename()).put("size", attachment.declaredSize())
                .put("url", attachment.url()).put("proxy_url", attachment.url()).put("content_type", "image/png");
        return interaction(user, 2, data, null);
    }

    /** An attachment option (type 11): its value is the attachment's id. */
    ObjectNode picture(String name, Attachment attachment) {
        return json.createObjectNode().put("name", name).put("type", 11).put("value", attachment.id());
    }

    // ---- what tests inspect ----

    List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        synchronized (requests) {
            return requests.stream().filter(filter).toList();
        }
    }

    /** Waits (without spinning) until a matching request was recorded. */
    RecordedRequest await(Predicate<RecordedRequest> filter, Duration timeout) throws InterruptedException {
        return awaitCount(filter, 1, timeout).get(0);
    }

    List<RecordedRequest> awaitCount(Predicate<RecordedRequest> filter, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (true) {
                List<RecordedRequest> found = requests.stream().filter(filter).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + count
                            + " matching request(s), saw " + found.size() + "; last requests: "
                            + requests.subList(Math.max(0, requests.size() - 8), requests.size()));
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
        }
    }

    StoredMessage message(String id) {
        return messages.get(id);
    }

    /** Interactions whose first answer came after {@link #INTERACTION_WINDOW}: lost, for the user. */
    int expiredInteractions() {
        return expiredInteractions.get();
    }

    /** The messages that answer an interaction (its original response and follow-ups), oldest first. */
    List<StoredMessage> createdBy(String token) {
        return messages.values().stream()
                .filter(m -> token.equals(m.token()) && !(awaitingFirstFollowUp.contains(token)
                        && m.id().equals(originals.get(token))))
                .sorted(java.util.Comparator.comparing((StoredMessage m) -> Long.parseLong(m.id())))
                .toList();
    }

    List<JsonNode> gatewayFrames(int op) {
        return gateway.received.stream().filter(f -> f.path("op").asInt(-1) == op).toList();
    }

    /** Called with every request once it has been answered (for benchmarks: no polling). */
    void onRequest(java.util.function.Consumer<RecordedRequest> listener) {
        listeners.add(listener);
    }

    void fail(Predicate<RecordedRequest> when, int times, int status, Map<String, String> headers, String body) {
        faults.add(new Fault(when, times, status, headers, body, false));
    }

    /** Matching requests are carried out but answered with this status, {@code times} times. */
    void failAfterDoing(Predicate<RecordedRequest> when, int times, int status, String body) {
        faults.add(new Fault(when, times, status, Map.of(), body, true));
    }

    /** Answers to interactions (acknowledgements with a message, follow-ups) the fake holds now whose text contains {@code text}. */
    List<StoredMessage> answersContaining(String text) {
        return messages.values().stream().filter(m -> m.token() != null && m.content().contains(text)).toList();
    }

    /** Channel messages (not interaction follow-ups) the fake holds now whose text contains {@code text}. */
    List<StoredMessage> channelMessages(String text) {
        return messages.values().stream().filter(m -> m.token() == null && m.content().contains(text)).toList();
    }

    void clearFaults() {
        faults.clear();
        holds.forEach(h -> h.getValue().countDown());
        holds.clear();
    }

    /** Matching REST answers wait until the returned latch is counted down (at most 30 s). */
    CountDownLatch hold(Predicate<RecordedRequest> when) {
        CountDownLatch release = new CountDownLatch(1);
        holds.add(Map.entry(when, release));
        return release;
    }

    /** Headers of a real Discord 429 (JDA takes a 429 without them for a Cloudflare ban). */
    static Map<String, String> rateLimitHeaders(double retryAfterSeconds) {
        return Map.of("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)),
                "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset-After", Double.toString(retryAfterSeconds),
                "X-RateLimit-Reset", Double.toString(System.currentTimeMillis() / 1000.0 + retryAfterSeconds),
                "X-RateLimit-Bucket", "fake-webhook-bucket", "X-RateLimit-Scope", "user", "Via", "1.1 google");
    }

    // ---- what tests send ----

    static String snowflakeNow(long sequence) {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (sequence & 0x3FFFFF));
    }

    record Sent(String id, String token) {
    }

    /** A slash command by {@code user}; options as built by {@link #option} / {@link #sub} / {@link #group}. */
    Sent slash(User user, String command, JsonNode... options) {
        return interaction(user, 2, command, options);
    }

    /** Autocomplete: mark the focused option with {@link #focused}. */
    Sent autocomplete(User user, String command, JsonNode... options) {
        return interaction(user, 4, command, options);
    }

    /** A slash command in {@code user}'s direct messages with the bot. */
    Sent slashInDm(User user, String command, JsonNode... options) {
        return interaction(user, 2, command, true, options);
    }

    Sent autocompleteInDm(User user, String command, JsonNode... options) {
        return interaction(user, 4, command, true, options);
    }

    private Sent interaction(User user, int type, String command, JsonNode... options) {
        return interaction(user, type, command, false, options);
    }

    private Sent interaction(User user, int type, String command, boolean dm, JsonNode... options) {
        ObjectNode data = json.createObjectNode();
        data.put("id", "600000000000000001").put("name", command).put("type", 1);
        ArrayNode opts = data.putArray("options");
        for (JsonNode o : options) {
            opts.add(o);
        }
        return dm ? dmInteraction(user, type, data) : interaction(user, type, data, null);
    }

    /** As Discord sends it from a DM: a user instead of a member, no server, the DM channel. */
    private Sent dmInteraction(User user, int type, ObjectNode data) {
        long n = nextId.getAndIncrement();
        String id = snowflakeNow(n);
        String token = "token-" + n;
        dmTokens.add(token);
        createdNanos.put(token, System.nanoTime());
        ObjectNode d = json.createObjectNode();
        d.put("id", id).put("application_id", BOT_ID).put("type", type).put("version", 1).put("token", token)
                .put("channel_id", DM_CHANNEL_ID).put("locale", "en-US").put("context", 1)
                .put("app_permissions", Long.toString(MEMBER_PERMISSIONS));
        ObjectNode channel = d.putObject("channel");
        // a DM with the bot (JDA tells it from a user-installed app's "friend DM" by this recipient)
        channel.put("id", DM_CHANNEL_ID).put("type", 1).putArray("recipients").add(user(BOT_ID, "MemeBattle", true));
        d.set("user", user(user.id(), user.name(), false));
        d.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        d.putArray("entitlements");
        d.set("data", data);
        gateway.dispatch("INTERACTION_CREATE", d);
        return new Sent(id, token);
    }

    /** A click on a button of {@code messageId} (an ephemeral message the bot posted). */
    Sent button(User user, String customId, String messageId) {
        ObjectNode data = json.createObjectNode().put("custom_id", customId).put("component_type", 2);
        StoredMessage shown = messages.get(messageId);
        ObjectNode message = messageJson(messageId, CHANNEL_ID, shown == null ? "" : shown.content(), null, 0, true);
        return interaction(user, 3, data, message);
    }

    private Sent interaction(User user, int type, ObjectNode data, ObjectNode message) {
        long n = nextId.getAndIncrement();
        String id = snowflakeNow(n);
        String token = "token-" + n;
        createdNanos.put(token, System.nanoTime());
        ObjectNode d = json.createObjectNode();
        d.put("id", id).put("application_id", BOT_ID).put("type", type).put("version", 1).put("token", token)
                .put("guild_id", GUILD_ID).put("channel_id", CHANNEL_ID).put("locale", "en-US").put("guild_locale", "en-US")
                .put("context", 0).put("app_permissions", Long.toString(MEMBER_PERMISSIONS));
        d.putObject("guild").put("id", GUILD_ID).put("locale", "en-US").putArray("features");
        d.set("channel", channel());
        d.set("member", member(user));
        d.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        d.putArray("entitlements");
        d.set("data", data);
        if (message != null) {
            d.set("message", message);
        }
        gateway.dispatch("INTERACTION_CREATE", d);
        return new Sent(id, token);
    }

    ObjectNode option(String name, String value) {
        ObjectNode o = json.createObjectNode().put("name", name).put("type", 3).put("value", value);
        return o;
    }

    ObjectNode option(String name, long value) {
        return json.createObjectNode().put("name", name).put("type", 4).put("value", value);
    }

    ObjectNode focused(String name, String value) {
        return option(name, value).put("focused", true);
    }

    ObjectNode sub(String name, JsonNode... options) {
        ObjectNode o = json.createObjectNode().put("name", name).put("type", 1);
        ArrayNode a = o.putArray("options");
        for (JsonNode x : options) {
            a.add(x);
        }
        return o;
    }

    ObjectNode group(String name, JsonNode... subs) {
        ObjectNode o = json.createObjectNode().put("name", name).put("type", 2);
        ArrayNode a = o.putArray("options");
        for (JsonNode x : subs) {
            a.add(x);
        }
        return o;
    }

    void react(User user, String messageId, String emoji) {
        reactUnseen(user, messageId, emoji);
        ObjectNode d = json.createObjectNode();
        d.put("user_id", user.id()).put("channel_id", CHANNEL_ID).put("message_id", messageId).put("guild_id", GUILD_ID)
                .put("burst", false).put("type", 0).put("message_author_id", BOT_ID);
        d.set("member", member(user));
        d.putObject("emoji").putNull("id").put("name", emoji);
        d.putArray("burst_colors");
        gateway.dispatch("MESSAGE_REACTION_ADD", d);
    }

    /** A reaction in {@code user}'s direct messages with the bot (no server, no member object). */
    void reactInDm(User user, String messageId, String emoji) {
        reactUnseen(user, messageId, emoji);
        ObjectNode d = json.createObjectNode();
        d.put("user_id", user.id()).put("channel_id", DM_CHANNEL_ID).put("message_id", messageId)
                .put("burst", false).put("type", 0).put("message_author_id", BOT_ID);
        d.putObject("emoji").putNull("id").put("name", emoji);
        d.putArray("burst_colors");
        gateway.dispatch("MESSAGE_REACTION_ADD", d);
    }

    /** Takes a reaction back, as Discord reports it (no member object in this event). */
    void unreact(User user, String messageId, String emoji) {
        unreactUnseen(user, messageId, emoji);
        ObjectNode d = json.createObjectNode();
        d.put("user_id", user.id()).put("channel_id", CHANNEL_ID).put("message_id", messageId).put("guild_id", GUILD_ID)
                .put("burst", false).put("type", 0);
        d.putObject("emoji").putNull("id").put("name", emoji);
        gateway.dispatch("MESSAGE_REACTION_REMOVE", d);
    }

    /** A reaction Discord records but the bot never hears of (it was offline, or between sessions). */
    void reactUnseen(User user, String messageId, String emoji) {
        reactors(messageId, emoji).put(Long.parseLong(user.id()), user.name());
    }

    /** A reaction taken back while the bot could not hear of it. */
    void unreactUnseen(User user, String messageId, String emoji) {
        reactors(messageId, emoji).remove(Long.parseLong(user.id()));
    }

    private NavigableMap<Long, String> reactors(String messageId, String emoji) {
        return reactions.computeIfAbsent(messageId, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(emoji.replace("\uFE0F", ""), e -> new ConcurrentSkipListMap<>());
    }

    /** From the next login on, the channel denies these permissions to the bot's role. */
    void denyBotInChannel(long permissions) {
        deniedToBot = permissions;
    }

    /** An admin grants the bot's role {@code permissions} in the channel (0 takes them back); the client hears at once. */
    void allowBotInChannel(long permissions) {
        allowedToBot = permissions;
        ObjectNode channel = channel();
        channel.remove("permissions");
        addBotOverwrite(channel);
        gateway.dispatch("CHANNEL_UPDATE", channel);
    }

    private void addBotOverwrite(ObjectNode channel) {
        if (deniedToBot != 0 || allowedToBot != 0) {
            ((ArrayNode) channel.get("permission_overwrites")).addObject().put("id", BOT_ROLE).put("type", 0)
                    .put("allow", Long.toString(allowedToBot)).put("deny", Long.toString(deniedToBot));
        }
    }

    /** Tells the client its session is gone (op 9, not resumable): it must log in anew, and nothing is replayed. */
    /** Makes /gateway/bot recommend this many shards (before the bot starts). */
    void recommendShards(int count) {
        recommendedShards = count;
    }

    void invalidateSession() {
        gateway.invalidateSession();
    }

    /** Closes the gateway connection with {@code code}; dispatches wait until the client is back. */
    /** Until {@link #releaseReady}, a shard that identifies gets no READY (Discord still starting its session). */
    private volatile CountDownLatch readyGate;

    void holdReady() {
        readyGate = new CountDownLatch(1);
    }

    void releaseReady() {
        CountDownLatch gate = readyGate;
        readyGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    void closeGateway(int code) {
        gateway.closeWith(code);
    }

    // ---- payload pieces ----

    private ObjectNode user(String id, String name, boolean bot) {
        ObjectNode u = json.createObjectNode();
        u.put("id", id).put("username", name).put("discriminator", "0").putNull("global_name").putNull("avatar")
                .put("bot", bot).put("public_flags", 0);
        return u;
    }

    private ObjectNode member(User user) {
        ObjectNode m = json.createObjectNode();
        m.set("user", user(user.id(), user.name(), false));
        ArrayNode roles = m.putArray("roles");
        if (user.admin()) {
            roles.add(ADMIN_ROLE);
        }
        m.put("joined_at", "2020-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0)
                .put("pending", false).putNull("nick").putNull("avatar").putNull("premium_since")
                .putNull("communication_disabled_until")
                .put("permissions", Long.toString(MEMBER_PERMISSIONS | (user.admin() ? MANAGE_GUILD : 0)));
        return m;
    }

    private ObjectNode channel() {
        ObjectNode c = json.createObjectNode();
        c.put("id", CHANNEL_ID).put("type", 0).put("name", "memes").put("position", 0).put("guild_id", GUILD_ID)
                .put("nsfw", false).put("rate_limit_per_user", 0).putNull("parent_id").putNull("topic")
                .put("permissions", Long.toString(MEMBER_PERMISSIONS)).putArray("permission_overwrites");
        return c;
    }

    private ObjectNode role(String id, String name, int position, long permissions) {
        ObjectNode r = json.createObjectNode();
        r.put("id", id).put("name", name).put("position", position).put("permissions", Long.toString(permissions))
                .put("color", 0).put("hoist", false).put("managed", false).put("mentionable", false).put("flags", 0);
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return r;
    }

    /** Discord's rule: a server's events go to shard (server id >> 22) % shard count. */
    static int shardOf(String guildId, int shardTotal) {
        return (int) ((Long.parseLong(guildId) >> 22) % shardTotal);
    }

    private ObjectNode ready(int shard, int shardTotal) {
        ObjectNode d = json.createObjectNode();
        d.put("v", 10).put("session_id", "session-" + shard).put("resume_gateway_url", gatewayUrl());
        d.putArray("shard").add(shard).add(shardTotal);
        d.set("user", user(BOT_ID, "MemeBattle", true));
        ArrayNode guilds = d.putArray("guilds");
        if (shardOf(GUILD_ID, shardTotal) == shard) {
            guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
        }
        d.putArray("private_channels");
        d.putArray("relationships");
        d.putObject("application").put("id", BOT_ID).put("flags", 0);
        return d;
    }

    private ObjectNode guildCreate() {
        ObjectNode g = json.createObjectNode();
        g.put("id", GUILD_ID).put("name", "Meme Lab").putNull("icon").put("owner_id", OWNER_ID)
                .put("member_count", 3).put("afk_timeout", 300).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("nsfw_level", 0).put("premium_tier", 0).put("preferred_locale", "en-US").put("system_channel_flags", 0)
                .put("large", false).put("unavailable", false).put("joined_at", "2020-01-01T00:00:00.000000+00:00");
        g.putArray("features");
        ArrayNode roles = g.putArray("roles");
        roles.add(role(GUILD_ID, "@everyone", 0, MEMBER_PERMISSIONS));
        roles.add(role(ADMIN_ROLE, "Mods", 1, MANAGE_GUILD));
        roles.add(role(BOT_ROLE, "MemeBattle", 2, MEMBER_PERMISSIONS));
        ObjectNode bot = g.putArray("members").addObject();
        bot.set("user", user(BOT_ID, "MemeBattle", true));
        bot.putArray("roles").add(BOT_ROLE);
        bot.put("joined_at", "2020-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0);
        ArrayNode channels = g.putArray("channels");
        ObjectNode channel = channel();
        channel.remove("permissions");
        addBotOverwrite(channel);
        channels.add(channel);
        for (String empty : List.of("threads", "guild_scheduled_events", "emojis", "stickers", "voice_states",
                "presences", "stage_instances", "soundboard_sounds")) {
            g.putArray(empty);
        }
        return g;
    }

    private ObjectNode messageJson(String id, String channelId, String content, String filename, int size,
                                   boolean ephemeral) {
        ObjectNode m = json.createObjectNode();
        m.put("id", id).put("channel_id", channelId).put("content", content == null ? "" : content)
                .put("timestamp", Instant.now().toString()).putNull("edited_timestamp").put("tts", false)
                .put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", ephemeral ? 64 : 0);
        m.set("author", user(BOT_ID, "MemeBattle", true));
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("embeds");
        m.putArray("components");
        ArrayNode attachments = m.putArray("attachments");
        if (filename != null) {
            attachments.addObject().put("id", Long.toString(nextId.getAndIncrement() + 900_000_000_000_000_000L))
                    .put("filename", filename).put("size", size)
                    .put("url", "https://cdn.example/" + filename).put("proxy_url", "https://media.example/" + filename)
                    .put("content_type", "image/jpeg");
        }
        return m;
    }

    // ---- REST ----

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath.replaceFirst("^/api/v10", ""), StandardCharsets.UTF_8);
        RecordedRequest probe = new RecordedRequest(at, exchange.getRequestMethod(), path,
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"), body, 0, null);
        int status;
        String reply;
        Map<String, String> headers = Map.of();
        try {
            for (var h : holds) {
                if (h.getKey().test(probe)) {
                    h.getValue().await(30, TimeUnit.SECONDS);
                }
            }
            Fault fault = faults.stream().filter(f -> f.when.test(probe) && f.remaining.getAndDecrement() > 0)
                    .findFirst().orElse(null);
            if (fault != null) {
                if (fault.afterDoing) {
                    route(probe);
                }
                status = fault.status;
                reply = fault.body;
                headers = fault.headers;
            } else {
                Object[] answer = route(probe);
                status = (Integer) answer[0];
                reply = (String) answer[1];
            }
        } catch (RuntimeException | InterruptedException e) {
            status = 500;
            reply = "{\"message\":\"fake discord: " + e.toString().replace('"', '\'') + "\",\"code\":0}";
        }
        byte[] out = reply == null ? new byte[0] : reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, status == 204 || out.length == 0 ? -1 : out.length);
        if (out.length > 0 && status != 204) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
        exchange.close();
        RecordedRequest recorded = new RecordedRequest(at, probe.method(), path, probe.query(), probe.contentType(),
                body, status, reply);
        synchronized (requests) {
            requests.add(recorded);
            requests.notifyAll();
        }
        listeners.forEach(l -> l.accept(recorded));
    }

    private Object[] route(RecordedRequest r) {
        if (r.is("GET", "/users/@me")) {
            return ok(user(BOT_ID, "MemeBattle", true));
        }
        if (r.is("GET", "/gateway(/bot)?")) {
            ObjectNode g = json.createObjectNode().put("url", gatewayUrl()).put("shards", recommendedShards);
            g.putObject("session_start_limit").put("total", 1000).put("remaining", 1000).put("reset_after", 0)
                    .put("max_concurrency", 1);
            return ok(g);
        }
        if (r.is("PUT", "/applications/\\d+(/guilds/\\d+)?/commands")) {
            ArrayNode commands = (ArrayNode) r.json();
            for (JsonNode c : commands) {
                ((ObjectNode) c).put("id", Long.toString(700_000_000_000_000_000L + nextId.getAndIncrement()))
                        .put("application_id", BOT_ID).put("version", "1");
                if (!c.has("type")) {
                    ((ObjectNode) c).put("type", 1);
                }
            }
            return ok(commands);
        }
        if (r.is("POST", "/interactions/\\d+/[^/]+/callback")) {
            Long created = createdNanos.get(r.segment(2));
            if (created != null && System.nanoTime() - created > INTERACTION_WINDOW.toNanos()) {
                expiredInteractions.incrementAndGet(); // the user saw "The application did not respond"
                return new Object[]{404, "{\"message\":\"Unknown interaction\",\"code\":10062}"};
            }
            if (!acknowledged.add(r.segment(2))) {
                return new Object[]{400, "{\"message\":\"Interaction has already been acknowledged.\",\"code\":40060}"};
            }
            JsonNode callback = r.json();
            int type = callback.path("type").asInt();
            if (type == 4 || type == 5) {
                // a reply, or a deferred one: the "thinking" message that the answer will replace
                String token = r.segment(2);
                String id = snowflakeNow(nextId.getAndIncrement());
                boolean ephemeral = (callback.path("data").path("flags").asInt(0) & 64) != 0;
                messages.put(id, new StoredMessage(id, token, callback.path("data").path("content").asText(""),
                        null, null, ephemeral));
                originals.put(token, id);
                if (type == 5) {
                    awaitingFirstFollowUp.add(token);
                }
            }
            return new Object[]{204, null};
        }
        if (r.is("POST", "/webhooks/\\d+/[^/]+")) {
            String token = r.segment(2);
            // Discord: the first follow-up after a defer edits the deferred message (keeping its visibility)
            String id = awaitingFirstFollowUp.remove(token) ? originals.get(token) : snowflakeNow(nextId.getAndIncrement());
            return ok(store(id, token, r));
        }
        if (r.is("PATCH", "/webhooks/\\d+/[^/]+/messages/[^/]+")) {
            String token = r.segment(2);
            String id = r.segment(4).equals("@original") ? originals.get(token) : r.segment(4);
            if (id == null || !messages.containsKey(id)) {
                return new Object[]{404, "{\"message\":\"Unknown Message\",\"code\":10008}"};
            }
            awaitingFirstFollowUp.remove(token);
            return ok(store(id, token, r));
        }
        if (r.is("DELETE", "/webhooks/\\d+/[^/]+/messages/[^/]+")) {
            String token = r.segment(2);
            String id = r.segment(4).equals("@original") ? originals.remove(token) : r.segment(4);
            awaitingFirstFollowUp.remove(token);
            if (id != null) {
                messages.remove(id);
            }
            return new Object[]{204, null};
        }
        if (r.is("PUT", "/channels/\\d+/messages/\\d+/reactions/[^/]+/@me")) {
            reactors(r.segment(3), r.segment(5)).put(Long.parseLong(BOT_ID), "MemeBattle");
            return new Object[]{204, null};
        }
        if (r.is("DELETE", "/channels/\\d+/messages/\\d+/reactions/[^/]+/\\d+")) {
            if ((allowedToBot & MANAGE_MESSAGES) == 0) {
                return new Object[]{403, "{\"message\":\"Missing Permissions\",\"code\":50013}"};
            }
            reactors(r.segment(3), r.segment(5)).remove(Long.parseLong(r.segment(6)));
            return new Object[]{204, null};
        }
        if (r.is("GET", "/channels/\\d+/messages/\\d+/reactions/[^/]+")) {
            // Discord pages reaction users by id: up to `limit` users with ids above `after`.
            Map<String, String> q = queryParams(r.query());
            int limit = Integer.parseInt(q.getOrDefault("limit", "25"));
            long after = Long.parseLong(q.getOrDefault("after", "0"));
            ArrayNode users = json.createArrayNode();
            reactors(r.segment(3), r.segment(5)).tailMap(after, false).entrySet().stream().limit(limit)
                    .forEach(u -> users.add(user(Long.toString(u.getKey()), u.getValue(), u.getKey() == Long.parseLong(BOT_ID))));
            return new Object[]{200, users.toString()};
        }
        if (r.is("POST", "/channels/\\d+/messages")) {
            // Discord: with enforce_nonce, a nonce seen from the same author in the last minutes returns
            // that message instead of creating another
            JsonNode payload = r.json();
            String nonce = payload.path("enforce_nonce").asBoolean(false) && payload.hasNonNull("nonce")
                    ? r.segment(1) + ":" + payload.path("nonce").asText() : null;
            String earlier = nonce == null ? null : nonces.get(nonce);
            if (earlier != null && messages.containsKey(earlier)) {
                StoredMessage m = messages.get(earlier);
                return ok(messageJson(m.id(), r.segment(1), m.content(), m.filename(),
                        m.image() == null ? 0 : m.image().length, m.ephemeral()));
            }
            String id = snowflakeNow(nextId.getAndIncrement());
            if (nonce != null) {
                nonces.put(nonce, id);
            }
            return ok(store(id, null, r));
        }
        if (r.is("DELETE", "/channels/\\d+/messages/\\d+")) {
            return messages.remove(r.segment(3)) != null ? new Object[]{204, null}
                    : new Object[]{404, "{\"message\":\"Unknown Message\",\"code\":10008}"};
        }
        if (r.is("PATCH", "/channels/\\d+/messages/\\d+")) {
            return ok(store(r.segment(3), null, r));
        }
        return new Object[]{404, "{\"message\":\"Unknown route " + r.method() + " " + r.path() + "\",\"code\":0}"};
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private ObjectNode store(String id, String token, RecordedRequest r) {
        JsonNode payload = r.json();
        String content = payload.path("content").asText("");
        boolean ephemeral = (payload.path("flags").asInt(0) & 64) != 0;
        byte[] image = null;
        String filename = null;
        if (r.multipart()) {
            MultipartForm.Part file = r.parts().get("files[0]");
            if (file != null) {
                image = file.data();
                filename = file.filename();
            }
        }
        StoredMessage previous = messages.get(id);
        if (previous != null && !payload.has("content")) {
            content = previous.content();
        }
        if (previous != null) {
            ephemeral = previous.ephemeral(); // an edit cannot change who sees a message
        }
        messages.put(id, new StoredMessage(id, token, content, image, filename, ephemeral));
        String channel = token != null ? (dmTokens.contains(token) ? DM_CHANNEL_ID : CHANNEL_ID) : r.segment(1);
        return messageJson(id, channel, content, filename, image == null ? 0 : image.length, ephemeral);
    }

    private Object[] ok(JsonNode node) {
        return new Object[]{200, node.toString()};
    }

    @Override
    public void close() throws InterruptedException {
        gateway.stop(1000);
        rest.stop(0);
        restThreads.shutdownNow();
    }

    // ---- gateway ----

    /** The gateway: one connection (session) per shard, each with its own sequence numbers. */
    private final class Gateway extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final Map<Integer, WebSocket> live = new HashMap<>();
        private final Map<Integer, List<ObjectNode>> pending = new HashMap<>();
        private final Map<Integer, Integer> seq = new HashMap<>();
        private int shardTotal = 1;

        Gateway() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            JsonNode frame;
            try {
                frame = json.readTree(message);
            } catch (IOException e) {
                return;
            }
            received.add(frame);
            switch (frame.path("op").asInt(-1)) {
                case 1 -> conn.send("{\"op\":11}");
                case 2 -> {
                    JsonNode shard = frame.path("d").path("shard");
                    int id = shard.isArray() ? shard.get(0).asInt() : 0;
                    Runnable identified = () -> {
                        synchronized (this) {
                            shardTotal = shard.isArray() ? shard.get(1).asInt() : 1;
                            live.put(id, conn);
                            seq.put(id, 0);
                            send(id, "READY", ready(id, shardTotal));
                            if (shardOf(GUILD_ID, shardTotal) == id) {
                                send(id, "GUILD_CREATE", guildCreate());
                            }
                            flush(id);
                        }
                    };
                    CountDownLatch gate = readyGate;
                    if (gate == null) {
                        identified.run();
                    } else {
                        Thread held = new Thread(() -> {
                            try {
                                gate.await();
                                identified.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, "fake-discord-ready");
                        held.setDaemon(true);
                        held.start();
                    }
                }
                case 6 -> {
                    int id = Integer.parseInt(frame.path("d").path("session_id").asText("session-0").substring(8));
                    synchronized (this) {
                        live.put(id, conn);
                        send(id, "RESUMED", json.createObjectNode());
                        flush(id);
                    }
                }
                default -> {
                }
            }
        }

        /** To the shard that carries the event's server (direct messages: shard 0), or queued for it. */
        synchronized void dispatch(String type, ObjectNode data) {
            int shard = data.hasNonNull("guild_id") ? shardOf(data.get("guild_id").asText(), shardTotal) : 0;
            WebSocket conn = live.get(shard);
            if (conn == null || !conn.isOpen()) {
                pending.computeIfAbsent(shard, s -> new ArrayList<>()).add(json.createObjectNode().put("t", type).set("d", data));
                return;
            }
            send(shard, type, data);
        }

        private void flush(int shard) {
            for (ObjectNode p : pending.getOrDefault(shard, List.of())) {
                send(shard, p.get("t").asText(), (ObjectNode) p.get("d"));
            }
            pending.remove(shard);
        }

        private void send(int shard, String type, ObjectNode data) {
            int s = seq.merge(shard, 1, Integer::sum);
            ObjectNode frame = json.createObjectNode().put("op", 0).put("t", type).put("s", s);
            frame.set("d", data);
            live.get(shard).send(frame.toString());
        }

        synchronized void invalidateSession() {
            live.values().forEach(conn -> conn.send("{\"op\":9,\"d\":false}"));
        }

        synchronized void closeWith(int code) {
            List<WebSocket> was = List.copyOf(live.values());
            live.clear();
            was.forEach(conn -> conn.close(code, "fake discord closed the session"));
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            synchronized (this) {
                live.values().removeIf(c -> c == conn);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
