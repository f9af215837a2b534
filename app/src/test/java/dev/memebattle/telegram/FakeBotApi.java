package dev.memebattle.telegram;

import dev.memebattle.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Bot API server on 127.0.0.1 that the real telegrambots client talks to: long polling that
 * holds {@code getUpdates} and honours {@code offset}, JSON and multipart requests (uploads are
 * checked to be real images and kept under a {@code file_id}), Telegram-style error replies
 * (injected on demand, e.g. 429 with {@code retry_after}), and a record of every call for tests
 * to wait on. Webhooks as on Telegram: while one is set ({@code setWebhook}, until
 * {@code deleteWebhook}) {@code getUpdates} answers 409 and new updates wait in an outbox that the
 * test posts to the bot's webhook itself ({@link #takeForWebhook()}).
 */
final class FakeBotApi implements AutoCloseable {

    static final long BOT_ID = 777;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Multipart fields that carry JSON. */
    private static final Set<String> JSON_FIELDS = Set.of("media", "reply_markup", "reply_parameters", "caption_entities",
            "allowed_updates");

    /** One request the bot made. {@code files} are multipart uploads by part name. */
    record Call(String method, ObjectNode params, Map<String, byte[]> files, long atNanos, boolean failed, JsonNode result) {
        String text(String field) {
            JsonNode n = params.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        long chatId() {
            return Long.parseLong(text("chat_id"));
        }

        /** The bytes of the file a field refers to ("attach://name"). */
        byte[] attached(String reference) {
            return reference != null && reference.startsWith("attach://") ? files.get(reference.substring(9)) : null;
        }
    }

    /** An error to answer instead of success. */
    record Failure(int code, String description, Integer retryAfter) {
    }

    private final String token;
    private final String username;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Deque<ObjectNode> updates = new ArrayDeque<>(); // guarded by itself
    private final Deque<ObjectNode> webhookOutbox = new ArrayDeque<>(); // guarded by updates
    private volatile ObjectNode webhook; // the setWebhook parameters while a webhook is set
    private final List<Integer> offsets = Collections.synchronizedList(new ArrayList<>());
    private volatile JsonNode allowedUpdates;
    /**
     * Telegram never hands out an update id twice, also not to a restarted bot: every fake continues
     * where the previous one stopped (tests share a database that remembers the ids it saw).
     */
    private static final AtomicInteger UPDATE_IDS = new AtomicInteger(1);
    private final AtomicInteger nextMessageId = new AtomicInteger(1000);
    private final Map<String, Duration> delays = new java.util.concurrent.ConcurrentHashMap<>();
    /** method -> until when (System.nanoTime) every call of it is answered 502, as in a Bot API outage */
    private final Map<String, Long> outages = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger nextFile = new AtomicInteger();
    private final AtomicInteger nextQuery = new AtomicInteger();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<Long, String> chatTypes = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> admins = new ConcurrentHashMap<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>(); // guarded by itself
    private volatile boolean closed;

    static {
        // answer in one TCP segment burst: without it, headers and body wait on delayed ACKs (~40 ms a call)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeBotApi(String token, String username) throws IOException {
        this.token = token;
        this.username = username;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-bot-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---------------------------------------------------------------- test controls

    /**
     * From now on, Telegram's own limits: an inline query answered more than {@link #INLINE_WINDOW}
     * after it was sent is refused as too old; a chat takes one message a second if private, 20 a
     * minute if a group or channel (a media group counts once), else 429 with retry_after.
     */
    void enforceTelegramLimits() {
        enforcing = true;
    }

    static final Duration INLINE_WINDOW = Duration.ofSeconds(10);
    private static final Set<String> POSTS = Set.of("sendmessage", "sendphoto", "sendanimation", "sendmediagroup",
            "senddocument");
    private volatile boolean enforcing;
    private final java.util.concurrent.atomic.AtomicInteger floodRefusals = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger tooOld = new java.util.concurrent.atomic.AtomicInteger();

    /** 429s given for posting too fast (with {@link #enforceTelegramLimits}). */
    int floodRefusals() {
        return floodRefusals.get();
    }

    /** Inline answers refused as too old (with {@link #enforceTelegramLimits}). */
    int tooOld() {
        return tooOld.get();
    }
    private final Map<String, Long> inlinePushedAt = new ConcurrentHashMap<>();
    private final Map<Long, Deque<Long>> postedAt = new ConcurrentHashMap<>();

    /** When an inline query was sent (for the benchmark's "answered within the window"). */
    long inlinePushedAt(String queryId) {
        return inlinePushedAt.getOrDefault(queryId, 0L);
    }

    /** The wait Telegram would ask for before another message in {@code chatId}, or 0 (and the post is counted). */
    private int floodWait(long chatId) {
        boolean privateChat = "private".equals(chatTypes.getOrDefault(chatId, chatId > 0 ? "private" : "supergroup"));
        long now = System.nanoTime();
        Deque<Long> times = postedAt.computeIfAbsent(chatId, k -> new ArrayDeque<>());
        synchronized (times) {
            long window = privateChat ? TimeUnit.SECONDS.toNanos(1) : TimeUnit.MINUTES.toNanos(1);
            int allowed = privateChat ? 1 : 20;
            while (!times.isEmpty() && now - times.peekFirst() >= window) {
                times.pollFirst();
            }
            if (times.size() >= allowed) {
                return (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(window - (now - times.peekFirst()) + 999_999_999L));
            }
            times.addLast(now);
            return 0;
        }
    }

    void chatType(long chatId, String type) {
        chatTypes.put(chatId, type);
    }

    void admins(long chatId, Long... userIds) {
        admins.put(chatId, Set.of(userIds));
    }

    /** The next {@code times} calls of {@code method} fail like this. */
    /** Answers calls of {@code method} {@code delay} late (after they took effect); zero ends it. */
    void delayResponses(String method, Duration delay) {
        if (delay.isZero()) {
            delays.remove(method.toLowerCase(java.util.Locale.ROOT));
        } else {
            delays.put(method.toLowerCase(java.util.Locale.ROOT), delay);
        }
    }

    /** For {@code length} from now every call of {@code method} (getUpdates too) is answered 502 Bad Gateway. */
    void outage(String method, Duration length) {
        outages.put(method.toLowerCase(Locale.ROOT), System.nanoTime() + length.toNanos());
    }

    void failNext(String method, int times, Failure failure) {
        synchronized (failures) {
            Deque<Failure> q = failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                q.add(failure);
            }
        }
    }

    /**
     * Queues an update (its update_id is assigned here) and wakes a held getUpdates; while a
     * webhook is set, it goes to the webhook outbox instead.
     */
    void push(ObjectNode update) {
        synchronized (updates) {
            update.put("update_id", UPDATE_IDS.getAndIncrement());
            if (webhook != null) {
                webhookOutbox.addLast(update);
            } else {
                updates.addLast(update);
                updates.notifyAll();
            }
        }
    }

    /** The oldest update waiting to be posted to the webhook; fails the test when there is none. */
    ObjectNode takeForWebhook() {
        synchronized (updates) {
            ObjectNode next = webhookOutbox.pollFirst();
            if (next == null) {
                throw new AssertionError("no update waits for the webhook (is one set?)");
            }
            return next;
        }
    }

    /** The parameters of the webhook that is set (url, secret_token, allowed_updates, …), or null. */
    ObjectNode webhook() {
        return webhook;
    }

    int newMessageId() {
        return nextMessageId.incrementAndGet();
    }

    String newQueryId() {
        return "q" + nextQuery.incrementAndGet();
    }

    boolean hasFile(String fileId) {
        return files.containsKey(fileId);
    }

    byte[] file(String fileId) {
        return files.get(fileId);
    }

    JsonNode allowedUpdates() {
        return allowedUpdates;
    }

    List<Integer> offsets() {
        synchronized (offsets) {
            return List.copyOf(offsets);
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method.equalsIgnoreCase(method)).toList();
    }

    /** Successful calls of {@code method} (null: any method) matching {@code filter}. */
    List<Call> done(String method, Predicate<Call> filter) {
        return (method == null ? calls() : calls(method)).stream().filter(c -> !c.failed && filter.test(c)).toList();
    }

    /**
     * Waits until at least {@code count} successful calls of {@code method} (null: any method) match;
     * fails the test on timeout.
     */
    List<Call> await(String method, Predicate<Call> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (true) {
                List<Call> found = calls.stream()
                        .filter(c -> (method == null || c.method.equalsIgnoreCase(method)) && !c.failed && filter.test(c)).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out waiting for " + count + " " + method + " call(s); got "
                            + found.size() + ". All calls: " + calls.stream().map(Call::method).toList());
                }
                try {
                    calls.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    Call awaitOne(String method, Predicate<Call> filter, Duration timeout) {
        return await(method, filter, 1, timeout).get(0);
    }

    // ---------------------------------------------------------------- update builders (Bot API JSON)

    ObjectNode user(long id) {
        return NODES.objectNode().put("id", id).put("is_bot", false).put("first_name", "User" + id)
                .put("username", "user" + id);
    }

    ObjectNode chat(long chatId) {
        String type = chatTypes.getOrDefault(chatId, chatId > 0 ? "private" : "supergroup");
        ObjectNode chat = NODES.objectNode().put("id", chatId).put("type", type);
        if (!type.equals("private")) {
            chat.put("title", "Chat " + chatId);
        }
        return chat;
    }

    /** A text message; returns its message_id. */
    int sendText(long chatId, long userId, String text) {
        return sendText(chatId, userId, text, message -> { });
    }

    /** A message in a forum topic. */
    int sendInTopic(long chatId, long userId, int topic, String text) {
        return sendText(chatId, userId, text, m -> m.put("message_thread_id", topic).put("is_topic_message", true));
    }

    /** A message an anonymous group admin sends as the group itself. */
    int sendAsGroup(long chatId, String text) {
        return sendText(chatId, 1087968824L, text, m -> {
            m.set("from", user(1087968824L).put("is_bot", true).put("first_name", "Group").put("username", "GroupAnonymousBot"));
            m.set("sender_chat", chat(chatId));
        });
    }

    // ---- people's pictures: files the bot fetches with getFile and /file/bot<token>/<path> ----

    /** file_id → downloads of it (a refused picture must never be fetched). */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> fileDownloads = new java.util.concurrent.ConcurrentHashMap<>();
    /** The messages users sent, by id, to quote as reply_to_message. */
    private final Map<Integer, ObjectNode> sentByUsers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Stores {@code bytes} as a file a user sent (with the bot's uploads) and returns its file_id. */
    String storeFile(byte[] bytes) {
        String id = "file-" + newMessageId();
        files.put(id, bytes);
        return id;
    }

    int fileDownloads(String fileId) {
        var n = fileDownloads.get(fileId);
        return n == null ? 0 : n.get();
    }

    /** A photo with a caption (which may be a command); the photo's sizes as Telegram sends them. */
    int sendPhoto(long chatId, long userId, String fileId, long declaredSize, String caption) {
        return sendText(chatId, userId, null, m -> {
            ArrayNode sizes = m.putArray("photo");
            sizes.addObject().put("file_id", fileId + "-thumb").put("file_unique_id", "u" + fileId + "t")
                    .put("width", 90).put("height", 60).put("file_size", 1000);
            sizes.addObject().put("file_id", fileId).put("file_unique_id", "u" + fileId)
                    .put("width", 1280).put("height", 960).put("file_size", declaredSize);
            if (caption != null) {
                m.put("caption", caption);
                if (caption.startsWith("/")) {
                    int end = caption.indexOf(' ');
                    m.putArray("caption_entities").addObject().put("type", "bot_command").put("offset", 0)
                            .put("length", end < 0 ? caption.length() : end);
                }
            }
        });
    }

    /** A file sent as a document (e.g. a PNG sent "as a file", uncompressed), with a caption. */
    int sendDocument(long chatId, long userId, String fileId, long declaredSize, String mimeType, String caption) {
        return sendText(chatId, userId, null, m -> {
            m.putObject("document").put("file_id", fileId).put("file_unique_id", "u" + fileId)
                    .put("file_name", "picture").put("mime_type", mimeType).put("file_size", declaredSize);
            m.put("caption", caption);
            int end = caption.indexOf(' ');
            m.putArray("caption_entities").addObject().put("type", "bot_command").put("offset", 0)
                    .put("length", end < 0 ? caption.length() : end);
        });
    }

    /** A text message that replies to message {@code replyTo} (one a user sent). */
    int replyText(long chatId, long userId, int replyTo, String text) {
        return sendText(chatId, userId, text, m -> {
            ObjectNode quoted = sentByUsers.get(replyTo);
            if (quoted != null) {
                m.set("reply_to_message", quoted.deepCopy());
            }
        });
    }

    private int sendText(long chatId, long userId, String text, java.util.function.Consumer<ObjectNode> extra) {
        int id = newMessageId();
        ObjectNode message = NODES.objectNode().put("message_id", id).put("date", now());
        message.set("chat", chat(chatId));
        message.set("from", user(userId));
        if (text != null) {
            message.put("text", text);
        }
        extra.accept(message);
        sentByUsers.put(id, message.deepCopy());
        if (text != null && text.startsWith("/")) {
            int end = text.indexOf(' ');
            ArrayNode entities = message.putArray("entities");
            entities.addObject().put("type", "bot_command").put("offset", 0).put("length", end < 0 ? text.length() : end);
        }
        ObjectNode update = NODES.objectNode();
        update.set("message", message);
        push(update);
        return id;
    }

    /** A press of an inline button on message {@code messageId}; returns the callback query id. */
    String press(long chatId, long userId, int messageId, String data) {
        String id = newQueryId();
        ObjectNode message = NODES.objectNode().put("message_id", messageId).put("date", now());
        message.set("chat", chat(chatId));
        message.set("from", user(BOT_ID).put("is_bot", true));
        ObjectNode query = NODES.objectNode().put("id", id).put("chat_instance", "ci" + chatId).put("data", data);
        query.set("from", user(userId));
        query.set("message", message);
        ObjectNode update = NODES.objectNode();
        update.set("callback_query", query);
        push(update);
        return id;
    }

    void react(long chatId, long userId, int messageId, String emoji) {
        reaction(chatId, userId, messageId, null, emoji);
    }

    /** The user takes their reaction {@code emoji} off the message. */
    void unreact(long chatId, long userId, int messageId, String emoji) {
        reaction(chatId, userId, messageId, emoji, null);
    }

    private void reaction(long chatId, long userId, int messageId, String before, String after) {
        ObjectNode reaction = NODES.objectNode().put("message_id", messageId).put("date", now());
        reaction.set("chat", chat(chatId));
        reaction.set("user", user(userId));
        ArrayNode old = reaction.putArray("old_reaction");
        if (before != null) {
            old.addObject().put("type", "emoji").put("emoji", before);
        }
        ArrayNode current = reaction.putArray("new_reaction");
        if (after != null) {
            current.addObject().put("type", "emoji").put("emoji", after);
        }
        ObjectNode update = NODES.objectNode();
        update.set("message_reaction", reaction);
        push(update);
    }

    /** An inline query; returns its id. */
    String inline(long userId, String text, String offset) {
        String id = newQueryId();
        inlinePushedAt.put(id, System.nanoTime());
        ObjectNode query = NODES.objectNode().put("id", id).put("query", text).put("offset", offset)
                .put("chat_type", "sender");
        query.set("from", user(userId));
        ObjectNode update = NODES.objectNode();
        update.set("inline_query", query);
        push(update);
        return id;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (path.startsWith("/file/bot" + token + "/files/")) {
                String fileId = path.substring(("/file/bot" + token + "/files/").length());
                fileDownloads.computeIfAbsent(fileId, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                byte[] file = files.get(fileId);
                exchange.sendResponseHeaders(file == null ? 404 : 200, file == null ? -1 : file.length);
                if (file != null) {
                    exchange.getResponseBody().write(file);
                }
                return;
            }
            if (!path.startsWith(prefix)) {
                reply(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            ObjectNode params;
            Map<String, byte[]> uploads = new LinkedHashMap<>();
            if (contentType != null && contentType.startsWith("multipart/form-data")) {
                params = multipart(body, contentType, uploads);
            } else if (body.length == 0) {
                params = NODES.objectNode();
            } else {
                params = (ObjectNode) JSON.readTree(body);
            }
            Failure failure = null;
            if (!method.equals("getupdates") && !method.equals("deletewebhook") && !method.equals("getme")) {
                synchronized (failures) {
                    Deque<Failure> q = failures.get(method);
                    failure = q == null ? null : q.pollFirst();
                }
            }
            ObjectNode response;
            JsonNode result = null;
            Long outageUntil = outages.get(method);
            if (failure == null && outageUntil != null && System.nanoTime() < outageUntil) {
                failure = new Failure(502, "Bad Gateway", null);
            }
            if (failure == null && enforcing && POSTS.contains(method)) {
                int wait = floodWait(params.path("chat_id").asLong());
                if (wait > 0) {
                    floodRefusals.incrementAndGet();
                    failure = new Failure(429, "Too Many Requests: retry after " + wait, wait);
                }
            }
            if (failure == null && enforcing && method.equals("answerinlinequery")) {
                Long pushed = inlinePushedAt.get(params.path("inline_query_id").asText());
                if (pushed != null && System.nanoTime() - pushed > INLINE_WINDOW.toNanos()) {
                    tooOld.incrementAndGet();
                    failure = new Failure(400, "Bad Request: query is too old and response timeout expired or query ID is invalid", null);
                }
            }
            if (failure == null && method.equals("getupdates") && webhook != null) {
                failure = new Failure(409, "Conflict: can't use getUpdates method while webhook is active;"
                        + " use deleteWebhook to delete the webhook first", null);
            }
            if (failure != null) {
                response = error(failure.code, failure.description, failure.retryAfter);
            } else {
                try {
                    result = answer(method, params, uploads);
                    response = NODES.objectNode().put("ok", true);
                    response.set("result", result);
                } catch (BadRequest e) {
                    response = error(400, "Bad Request: " + e.getMessage(), null);
                    failure = new Failure(400, e.getMessage(), null);
                }
            }
            if (!method.equals("getupdates")) {
                record(new Call(method, params, uploads, System.nanoTime(), failure != null, result));
            }
            Duration slow = delays.get(method);
            if (slow != null) {
                // the message is in the chat (and recorded) already; only the bot's answer is late
                try {
                    Thread.sleep(slow.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply(exchange, failure == null ? 200 : failure.code, response);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void record(Call call) {
        synchronized (calls) {
            calls.add(call);
            calls.notifyAll();
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private JsonNode answer(String method, ObjectNode p, Map<String, byte[]> uploads) {
        switch (method) {
            case "getfile": {
                String fileId = p.path("file_id").asText();
                byte[] file = files.get(fileId);
                if (file == null) {
                    throw new BadRequest("wrong file_id or the file is temporarily unavailable");
                }
                return NODES.objectNode().put("file_id", fileId).put("file_unique_id", "u" + fileId)
                        .put("file_size", file.length).put("file_path", "files/" + fileId);
            }
            case "getme":
                return user(BOT_ID).put("is_bot", true).put("first_name", "MemeBattle").put("username", username)
                        .put("can_join_groups", true).put("supports_inline_queries", true);
            case "setwebhook":
                if (!p.path("url").asText("").startsWith("https://")) {
                    throw new BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
                }
                webhook = p.deepCopy();
                return NODES.booleanNode(true);
            case "deletewebhook":
                synchronized (updates) { // what was kept for the webhook is now for getUpdates
                    webhook = null;
                    while (!webhookOutbox.isEmpty()) {
                        updates.addLast(webhookOutbox.pollFirst());
                    }
                    updates.notifyAll();
                }
                return NODES.booleanNode(true);
            case "setmycommands":
            case "answercallbackquery":
            case "deletemessage":
                return NODES.booleanNode(true);
            case "editmessagetext": {
                String text = p.path("text").asText("");
                if (text.isEmpty() || text.length() > 4096) {
                    throw new BadRequest("message text is empty or too long");
                }
                ObjectNode m = NODES.objectNode().put("message_id", p.path("message_id").asInt()).put("date", now())
                        .put("edit_date", now()).put("text", text);
                m.set("chat", chat(p.path("chat_id").asLong()));
                m.set("from", user(BOT_ID).put("is_bot", true));
                if (p.has("reply_markup")) {
                    m.set("reply_markup", p.get("reply_markup"));
                }
                return m;
            }
            case "editmessagereplymarkup": {
                ObjectNode m = NODES.objectNode().put("message_id", p.path("message_id").asInt()).put("date", now())
                        .put("edit_date", now());
                m.set("chat", chat(p.path("chat_id").asLong()));
                m.set("from", user(BOT_ID).put("is_bot", true));
                if (p.has("reply_markup")) {
                    m.set("reply_markup", p.get("reply_markup"));
                }
                return m;
            }
            case "answerinlinequery":
                for (JsonNode r : p.path("results")) {
                    String file = r.path("photo_file_id").asText(r.path("gif_file_id").asText(null));
                    if (file != null && !files.containsKey(file)) {
                        throw new BadRequest("wrong file identifier/HTTP URL specified");
                    }
                }
                return NODES.booleanNode(true);
            case "getupdates":
                return getUpdates(p);
            case "getchat":
                return chat(p.path("chat_id").asLong());
            case "getchatadministrators": {
                long chatId = p.path("chat_id").asLong();
                ArrayNode list = NODES.arrayNode();
                List<Long> ids = new ArrayList<>(admins.getOrDefault(chatId, Set.of()));
                for (int i = 0; i < ids.size(); i++) {
                    ObjectNode m = list.addObject().put("status", i == 0 ? "creator" : "administrator");
                    m.set("user", user(ids.get(i)));
                    m.put("is_anonymous", false);
                    if (i > 0) {
                        m.put("can_be_edited", false).put("can_manage_chat", true).put("can_delete_messages", true);
                    }
                }
                return list;
            }
            case "sendmessage": {
                String text = p.path("text").asText("");
                if (text.isEmpty() || text.length() > 4096) {
                    throw new BadRequest("message text is empty or too long");
                }
                ObjectNode m = message(p.path("chat_id").asLong());
                m.put("text", text);
                return m;
            }
            case "sendphoto": {
                ObjectNode m = message(p.path("chat_id").asLong());
                m.set("photo", photo(image(p.path("photo").asText(null), uploads, "photo")));
                caption(p, m);
                return m;
            }
            case "sendanimation": {
                ObjectNode m = message(p.path("chat_id").asLong());
                m.set("animation", animation(image(p.path("animation").asText(null), uploads, "animation")));
                caption(p, m);
                return m;
            }
            case "sendmediagroup": {
                ArrayNode out = NODES.arrayNode();
                JsonNode media = p.path("media");
                if (!media.isArray() || media.size() < 2 || media.size() > 10) {
                    throw new BadRequest("media group must have 2-10 items");
                }
                String group = "g" + nextFile.incrementAndGet();
                for (JsonNode item : media) {
                    ObjectNode m = message(p.path("chat_id").asLong());
                    m.put("media_group_id", group);
                    m.set("photo", photo(image(item.path("media").asText(null), uploads, "media")));
                    out.add(m);
                }
                return out;
            }
            case "editmessagemedia": {
                JsonNode media = p.path("media");
                Upload up = image(media.path("media").asText(null), uploads, "media");
                ObjectNode m = NODES.objectNode().put("message_id", p.path("message_id").asInt()).put("date", now())
                        .put("edit_date", now());
                m.set("chat", chat(p.path("chat_id").asLong()));
                m.set("from", user(BOT_ID).put("is_bot", true));
                m.set(media.path("type").asText().equals("animation") ? "animation" : "photo",
                        media.path("type").asText().equals("animation") ? animation(up) : photo(up));
                if (media.has("caption")) {
                    m.put("caption", media.get("caption").asText());
                }
                return m;
            }
            default:
                throw new BadRequest("method " + method + " is not implemented by the fake");
        }
    }

    private ArrayNode getUpdates(ObjectNode p) {
        int offset = p.path("offset").asInt(0);
        int limit = Math.max(1, Math.min(100, p.path("limit").asInt(100)));
        long timeoutMs = TimeUnit.SECONDS.toMillis(Math.max(0, p.path("timeout").asInt(0)));
        offsets.add(offset);
        if (p.has("allowed_updates")) {
            allowedUpdates = p.get("allowed_updates");
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (updates) {
            while (true) {
                // as Telegram does: an offset confirms (forgets) every update before it
                while (!updates.isEmpty() && updates.peekFirst().get("update_id").asInt() < offset) {
                    updates.pollFirst();
                }
                if (!updates.isEmpty() || closed) {
                    ArrayNode out = NODES.arrayNode();
                    for (ObjectNode u : updates) {
                        if (out.size() >= limit) {
                            break;
                        }
                        out.add(u);
                    }
                    return out;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return NODES.arrayNode();
                }
                try {
                    updates.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return NODES.arrayNode();
                }
            }
        }
    }

    private ObjectNode message(long chatId) {
        if (chatId == 0) {
            throw new BadRequest("chat not found");
        }
        ObjectNode m = NODES.objectNode().put("message_id", newMessageId()).put("date", now());
        m.set("chat", chat(chatId));
        m.set("from", user(BOT_ID).put("is_bot", true).put("username", username));
        return m;
    }

    private static void caption(ObjectNode p, ObjectNode m) {
        if (p.has("caption")) {
            String caption = p.get("caption").asText();
            if (caption.length() > 1024) {
                throw new BadRequest("message caption is too long");
            }
            m.put("caption", caption);
        }
    }

    private record Upload(String fileId, int width, int height) {
    }

    /** The uploaded image a field refers to: must be there and decode as an image. */
    private Upload image(String reference, Map<String, byte[]> uploads, String field) {
        if (reference == null || !reference.startsWith("attach://")) {
            throw new BadRequest("there is no " + field + " in the request");
        }
        byte[] bytes = uploads.get(reference.substring("attach://".length()));
        if (bytes == null) {
            throw new BadRequest("there is no " + field + " in the request");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new BadRequest("IMAGE_PROCESS_FAILED");
        }
        String id = "file-" + nextFile.incrementAndGet();
        files.put(id, bytes);
        return new Upload(id, image.getWidth(), image.getHeight());
    }

    private static ArrayNode photo(Upload up) {
        ArrayNode sizes = NODES.arrayNode();
        sizes.addObject().put("file_id", up.fileId + "-thumb").put("file_unique_id", "u" + up.fileId + "t")
                .put("width", Math.min(90, up.width)).put("height", Math.min(90, up.height));
        sizes.addObject().put("file_id", up.fileId).put("file_unique_id", "u" + up.fileId)
                .put("width", up.width).put("height", up.height);
        return sizes;
    }

    private static ObjectNode animation(Upload up) {
        return NODES.objectNode().put("file_id", up.fileId).put("file_unique_id", "u" + up.fileId)
                .put("width", up.width).put("height", up.height).put("duration", 1);
    }

    private static ObjectNode error(int code, String description, Integer retryAfter) {
        ObjectNode e = NODES.objectNode().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) {
            e.putObject("parameters").put("retry_after", retryAfter);
        }
        return e;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---------------------------------------------------------------- multipart/form-data

    /** Text fields go into the params (JSON fields parsed); file parts into {@code uploads} by part name. */
    private static ObjectNode multipart(byte[] body, String contentType, Map<String, byte[]> uploads) throws IOException {
        Map<String, MultipartForm.Part> parts;
        try {
            parts = MultipartForm.parse(body, contentType);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        ObjectNode params = NODES.objectNode();
        for (MultipartForm.Part part : parts.values()) {
            if (part.filename() != null) {
                uploads.put(part.name(), part.data());
            } else if (part.name() != null) {
                if (JSON_FIELDS.contains(part.name())) {
                    params.set(part.name(), JSON.readTree(part.text()));
                } else {
                    params.put(part.name(), part.text());
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (updates) {
            updates.notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
