package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.chat.InlineCandidates;
import dev.memebattle.chat.ChatText;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeResult;
import dev.memebattle.engine.MemeService;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.RenderedMeme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendAnimation;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedGif;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultGif;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultPhoto;
import org.telegram.telegrambots.meta.api.objects.media.InputMedia;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inline mode: {@code @bot doge wow} offers several candidate memes to pick from, as the core's
 * {@link InlineCandidates} plans them; this class renders, uploads and answers. Telegram only
 * shows inline photos by URL or by a {@code file_id} it already has. With {@code inline_images} the
 * bot serves them by URL itself ({@link InlineImageServer}); otherwise (and for GIFs too big to go by
 * URL) each render is uploaded once to a storage chat and its {@code file_id} kept
 * (keyed by everything that decides the image). Stills go up as one media group per page (one
 * message instead of five against the storage chat's flood limit); GIFs one by one. Uploads take
 * the storage chats in turn: each has its own flood limit.
 */
final class InlineMemes {

    private static final Logger log = LoggerFactory.getLogger(InlineMemes.class);
    static final String NEEDS_STORAGE = "inline mode needs telegram.storage_chat_id or telegram.inline_images";
    private static final int MAX_QUERY = 256;
    /** Telegram takes an answer for ~10 s after the query; our answer needs a moment to get there. */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(9);
    private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);
    /** Show the candidates drawn by then: a busy engine must not hold the whole answer back. */
    static final Duration RENDER_BUDGET = Duration.ofMillis(1500);
    /** Sends waiting in the storage chats' lanes from which uploads count as queued up. */
    private static final int UPLOAD_BACKLOG = 4;
    /** With uploads queued up, answer with what is ready by then: a list now, not every candidate late. */
    static final Duration ANSWER_BUDGET = Duration.ofMillis(2500);
    static final String NOTHING_TO_SHOW = "I couldn't draw these memes just now — try again, or other words.";

    private final InlineCandidates candidates;
    private final MemeService memes;
    private final BotApi api;
    private final SendQueue queue;
    private final List<StorageChat> storageChats;
    /** Serves candidates by URL when configured (no uploads); null = every candidate is uploaded. */
    private final InlineImageServer images;
    private final AtomicInteger nextStorageChat = new AtomicInteger();
    private final int cacheSeconds;
    private final Cache<UploadKey, Uploaded> uploaded = Caffeine.newBuilder().maximumSize(50_000).build();
    private final ConcurrentHashMap<UploadKey, Pending> uploading = new ConcurrentHashMap<>();
    /** The update id of each user's newest inline query. */
    private final Cache<Long, Integer> latest = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();

    /** @param candidates what to offer for a query (the core decides; this class only renders and uploads) */
    InlineMemes(InlineCandidates candidates, MemeService memes, BotApi api, SendQueue queue,
                List<StorageChat> storageChats, InlineImageServer images, int cacheSeconds) {
        this.candidates = candidates;
        this.memes = memes;
        this.api = api;
        this.queue = queue;
        this.storageChats = List.copyOf(storageChats);
        this.images = images;
        this.cacheSeconds = cacheSeconds;
    }

    /**
     * @param updateId the update's id: it orders a user's queries however they are processed
     * @return done when the query was answered (or found superseded)
     */
    CompletableFuture<Boolean> answer(InlineQuery query, int updateId) {
        if (storageChats.isEmpty() && images == null) {
            return send(AnswerInlineQuery.builder()
                    .inlineQueryId(query.getId())
                    .result(InlineQueryResultArticle.builder()
                            .id("setup")
                            .title("Inline mode is off")
                            .description(NEEDS_STORAGE)
                            .inputMessageContent(new InputTextMessageContent("This bot's " + NEEDS_STORAGE + "."))
                            .build())
                    .cacheTime(300)
                    .build());
        }
        long received = System.nanoTime();
        long user = query.getFrom() == null || query.getFrom().getId() == null ? 0 : query.getFrom().getId();
        latest.asMap().merge(user, updateId, Math::max);
        // Telegram sends a query per keystroke pause, and takes an answer for ~10 s: uploads for text the
        // user has typed past, or for a query Telegram will no longer accept, are dropped
        BooleanSupplier current = () -> Integer.valueOf(updateId).equals(latest.getIfPresent(user))
                && System.nanoTime() - received < ANSWER_WINDOW.toNanos();
        String text = ChatText.clean(query.getQuery() == null ? "" : query.getQuery());
        if (text.length() > MAX_QUERY) { // Telegram caps queries at 256 characters; never split a surrogate pair
            text = text.substring(0, Character.isHighSurrogate(text.charAt(MAX_QUERY - 1)) ? MAX_QUERY - 1 : MAX_QUERY);
        }
        int page = page(query.getOffset());
        InlineCandidates.Plan plan = candidates.plan(text, page);
        // the first candidate goes to the engine at once, the others once it is drawn and only if the engine
        // has no backlog: under a burst every query gets its first candidate soon, and fewer extra ones
        List<MemeRequest> requests = plan.requests().stream().map(this::forShowing).toList();
        List<CompletableFuture<Optional<Meme>>> renders = new ArrayList<>();
        if (!requests.isEmpty()) {
            CompletableFuture<Optional<Meme>> first = render(requests.get(0), current);
            renders.add(first);
            CompletableFuture<Boolean> extras = first.thenApply(drawn -> !memes.backlogged()); // asked once
            for (MemeRequest later : requests.subList(1, requests.size())) {
                renders.add(extras.thenCompose(ok -> ok ? render(later, current)
                        : CompletableFuture.completedFuture(Optional.<Meme>empty())));
            }
        }
        return rendered(renders, received)
                .thenCompose(all -> show(distinct(renders.stream().filter(CompletableFuture::isDone)
                        .map(CompletableFuture::join).flatMap(Optional::stream).toList()), current, page, received))
                .thenCompose(shown -> {
                    if (!current.getAsBoolean()) {
                        log.debug("Inline query {} superseded; not answered", query.getId());
                        return CompletableFuture.completedFuture(false);
                    }
                    if (shown.isEmpty()) {
                        // never an empty page that promises more: say why, and end the paging here
                        return send(AnswerInlineQuery.builder()
                                .inlineQueryId(query.getId())
                                .result(nothingToShow())
                                .isPersonal(true)
                                .cacheTime(0)
                                .nextOffset("")
                                .build());
                    }
                    return send(AnswerInlineQuery.builder()
                            .inlineQueryId(query.getId())
                            .results(shown)
                            .isPersonal(true)
                            .cacheTime(cacheSeconds)
                            .nextOffset(plan.more() ? Integer.toString(page + 1) : "")
                            .build());
                });
    }

    /** What a page with no meme shows instead: why, as a result that sends nothing anyone would mind. */
    private static InlineQueryResult nothingToShow() {
        return InlineQueryResultArticle.builder()
                .id("none")
                .title("No meme right now")
                .description(NOTHING_TO_SHOW)
                .inputMessageContent(new InputTextMessageContent(NOTHING_TO_SHOW))
                .build();
    }

    /**
     * By URL, Telegram fetches GIFs of up to 1 MB only: an animated candidate is drawn small enough
     * (the renderer scales it down) instead of being left out or uploaded.
     */
    private MemeRequest forShowing(MemeRequest request) {
        return images != null && request.template().animated()
                ? request.withMaxBytes(InlineImageServer.MAX_GIF_BYTES) : request;
    }

    /** The candidates of one page, and whether another page follows. */
    static int page(String offset) {
        if (offset == null || !offset.matches("\\d{1,3}")) {
            return 0;
        }
        return Integer.parseInt(offset);
    }

    /**
     * Done when every candidate is drawn; with the engine backlogged (a burst), at {@link #RENDER_BUDGET}
     * with those drawn by then (the rest go on into the render cache while still wanted); with none by
     * then, when the first is.
     */
    private CompletableFuture<Void> rendered(List<CompletableFuture<Optional<Meme>>> renders, long received) {
        CompletableFuture<?>[] all = renders.toArray(CompletableFuture[]::new);
        Duration budget = memes.backlogged() ? RENDER_BUDGET : ANSWER_WINDOW.minus(ANSWER_MARGIN);
        return CompletableFuture.allOf(all).copy()
                .completeOnTimeout(null, millisLeft(received, budget), TimeUnit.MILLISECONDS)
                .thenCompose(v -> renders.stream().anyMatch(r -> r.isDone() && r.join().isPresent())
                        ? CompletableFuture.<Void>completedFuture(null)
                        : firstOf(renders, drawn -> drawn.isPresent())
                                .completeOnTimeout(null, millisLeft(received, ANSWER_WINDOW.minus(ANSWER_MARGIN)),
                                        TimeUnit.MILLISECONDS));
    }

    /** A candidate drawn, or dropped unmade once its query is no longer {@code wanted}. */
    private CompletableFuture<Optional<Meme>> render(MemeRequest request, BooleanSupplier wanted) {
        return memes.submit(request, wanted).thenApply(result -> {
            if (result instanceof MemeResult.Done done) {
                return Optional.of(done.meme());
            }
            log.debug("Inline candidate {} skipped: {}", request.template().key(), result);
            return Optional.<Meme>empty();
        }).exceptionally(error -> Optional.empty());
    }

    /** Candidates that came out the same (a caption writer that ignores the seed) are shown once. */
    private static List<Meme> distinct(List<Meme> all) {
        Map<String, Meme> byCaption = new LinkedHashMap<>();
        for (Meme m : all) {
            byCaption.putIfAbsent(m.template().key() + '\u0000' + m.caption(), m);
        }
        return List.copyOf(byCaption.values());
    }

    /**
     * The results, in the memes' order: by URL where the image server can show them, else by the
     * file_id of an upload to a storage chat; memes that could not be shown are left out. Uploads are
     * waited for (within Telegram's window); when they queue up, only until {@link #ANSWER_BUDGET} after
     * the query came (what is up by then is shown; the rest goes on for the next query that wants it),
     * and with none up by then, until the first one is.
     */
    private CompletableFuture<List<InlineQueryResult>> show(List<Meme> list, BooleanSupplier wanted, int page,
                                                            long received) {
        List<Meme> toUpload = list.stream().filter(m -> !byUrl(m)).toList();
        List<CompletableFuture<Uploaded>> ids = toUpload.isEmpty() || storageChats.isEmpty() ? List.of()
                : upload(toUpload, wanted);
        CompletableFuture<Void> all = CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null);
        boolean someByUrl = list.stream().anyMatch(this::byUrl);
        // only when uploads queue up (storage chats at their pace) does the answer go out with fewer
        Duration budget = queue.waiting() >= UPLOAD_BACKLOG ? ANSWER_BUDGET : ANSWER_WINDOW.minus(ANSWER_MARGIN);
        CompletableFuture<Void> ready = all.copy().completeOnTimeout(null, millisLeft(received, budget),
                TimeUnit.MILLISECONDS).thenCompose(v -> someByUrl || ids.isEmpty() || ids.stream().anyMatch(InlineMemes::uploaded)
                ? CompletableFuture.<Void>completedFuture(null)
                : firstOf(ids, up -> true)
                        .completeOnTimeout(null, millisLeft(received, ANSWER_WINDOW.minus(ANSWER_MARGIN)), TimeUnit.MILLISECONDS));
        return ready.thenApply(v -> {
            Map<UploadKey, Uploaded> byKey = new HashMap<>();
            ids.stream().filter(InlineMemes::uploaded).map(CompletableFuture::join)
                    .forEach(u -> byKey.put(UploadKey.of(u.meme()), u));
            List<InlineQueryResult> shown = new ArrayList<>();
            for (Meme meme : list) {
                String id = "p" + page + "-" + shown.size();
                if (byUrl(meme)) {
                    shown.add(linked(id, meme));
                } else if (byKey.containsKey(UploadKey.of(meme))) {
                    shown.add(result(id, byKey.get(UploadKey.of(meme))));
                }
            }
            return shown;
        });
    }

    /** Done when one of {@code futures} succeeds with a value that is {@code good}, or when all are done. */
    private static <T> CompletableFuture<Void> firstOf(List<CompletableFuture<T>> futures, java.util.function.Predicate<T> good) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        futures.forEach(f -> f.thenAccept(value -> {
            if (good.test(value)) {
                first.complete(null);
            }
        }));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((all, error) -> first.complete(null));
        return first;
    }

    private static boolean uploaded(CompletableFuture<Uploaded> upload) {
        return upload.isDone() && !upload.isCompletedExceptionally();
    }

    private static long millisLeft(long received, Duration budget) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(received + budget.toNanos() - System.nanoTime()));
    }

    /** Telegram takes JPEG photos and GIFs up to 1 MB by URL. */
    private boolean byUrl(Meme meme) {
        RenderedMeme image = meme.image();
        return images != null && (image.format() == ImageFormat.JPEG
                || image.format() == ImageFormat.GIF && image.bytes().length <= InlineImageServer.MAX_GIF_BYTES);
    }

    private InlineQueryResult linked(String id, Meme meme) {
        String url = images.publish(meme);
        RenderedMeme image = meme.image();
        String title = meme.template().name();
        if (image.format() == ImageFormat.GIF) {
            return InlineQueryResultGif.builder().id(id).gifUrl(url).thumbnailUrl(url).thumbnailMimeType("image/gif")
                    .gifWidth(image.width()).gifHeight(image.height()).title(title).build();
        }
        return InlineQueryResultPhoto.builder().id(id).photoUrl(url).thumbnailUrl(url).mimeType("image/jpeg")
                .photoWidth(image.width()).photoHeight(image.height()).title(title)
                .description(Replies.limit(meme.caption(), 200)).build();
    }

    /** A file_id for each meme (in its order), uploading those we have not uploaded before. */
    private List<CompletableFuture<Uploaded>> upload(List<Meme> list, BooleanSupplier wanted) {
        List<CompletableFuture<Uploaded>> ids = new ArrayList<>();
        List<Meme> stills = new ArrayList<>();
        List<Pending> stillTargets = new ArrayList<>();
        for (Meme meme : list) {
            UploadKey key = UploadKey.of(meme);
            Uploaded known = uploaded.getIfPresent(key);
            if (known != null) {
                ids.add(CompletableFuture.completedFuture(known));
                continue;
            }
            Pending mine = new Pending(wanted);
            Pending running = uploading.putIfAbsent(key, mine);
            if (running != null) {
                running.wantedBy(wanted);
                ids.add(running.future);
                continue;
            }
            mine.future.whenComplete((id, error) -> {
                uploading.remove(key, mine);
                if (id != null) {
                    uploaded.put(key, id);
                }
            });
            ids.add(mine.future);
            if (Replies.animated(meme)) {
                uploadAnimation(meme, mine);
            } else {
                stills.add(meme);
                stillTargets.add(mine);
            }
        }
        uploadStills(stills, stillTargets);
        return ids;
    }

    /**
     * An upload on its way, and the queries waiting for it: it is dropped only when none of them is
     * still the newest query of its user.
     */
    private static final class Pending {
        final CompletableFuture<Uploaded> future = new CompletableFuture<>();
        private final List<BooleanSupplier> wanters = new java.util.concurrent.CopyOnWriteArrayList<>();

        Pending(BooleanSupplier first) {
            wanters.add(first);
        }

        void wantedBy(BooleanSupplier query) {
            wanters.add(query);
        }

        boolean wanted() {
            return wanters.stream().anyMatch(BooleanSupplier::getAsBoolean);
        }
    }

    private void uploadStills(List<Meme> stills, List<Pending> targets) {
        if (stills.isEmpty()) {
            return;
        }
        BooleanSupplier wanted = () -> targets.stream().anyMatch(Pending::wanted);
        StorageChat storage = nextStorageChat();
        String storageChat = storage.id();
        CompletableFuture<List<Message>> sent;
        if (stills.size() == 1) {
            Meme meme = stills.get(0);
            sent = queue.submit(storageChat, storage.group(), "sendPhoto (inline)", wanted, () -> BotApi.attempt(() -> api.client()
                    .executeAsync(SendPhoto.builder()
                            .chatId(storageChat)
                            .photo(new InputFile(new ByteArrayInputStream(meme.image().bytes()), Replies.fileName(meme)))
                            .disableNotification(true)
                            .build()))).thenApply(List::of);
        } else {
            sent = queue.submit(storageChat, storage.group(), "sendMediaGroup (inline)", wanted, () -> BotApi.attempt(() -> {
                List<InputMedia> media = new ArrayList<>();
                for (int i = 0; i < stills.size(); i++) { // names must be unique within the request
                    Meme meme = stills.get(i);
                    media.add(new InputMediaPhoto(new ByteArrayInputStream(meme.image().bytes()),
                            "c" + i + "-" + Replies.fileName(meme)));
                }
                return api.client().executeAsync(SendMediaGroup.builder()
                        .chatId(storageChat)
                        .medias(media)
                        .disableNotification(true)
                        .build());
            }));
        }
        sent.whenComplete((messages, error) -> {
            for (int i = 0; i < targets.size(); i++) {
                Optional<String> id = error == null && i < messages.size() ? photoId(messages.get(i)) : Optional.empty();
                if (id.isPresent()) {
                    targets.get(i).future.complete(new Uploaded(id.get(), false, stills.get(i)));
                } else {
                    targets.get(i).future.completeExceptionally(error != null ? SendQueue.unwrap(error)
                            : new IllegalStateException("Telegram returned no photo"));
                }
            }
            if (error != null && !(SendQueue.unwrap(error) instanceof CancellationException)) {
                log.warn("Inline upload to the storage chat failed: {}", SendQueue.unwrap(error).toString());
            }
        });
    }

    private void uploadAnimation(Meme meme, Pending pending) {
        CompletableFuture<Uploaded> target = pending.future;
        StorageChat storage = nextStorageChat();
        String storageChat = storage.id();
        queue.submit(storageChat, storage.group(), "sendAnimation (inline)", pending::wanted, () -> BotApi.attempt(() -> api.client()
                .executeAsync(SendAnimation.builder()
                        .chatId(storageChat)
                        .animation(new InputFile(new ByteArrayInputStream(meme.image().bytes()), Replies.fileName(meme)))
                        .width(meme.image().width())
                        .height(meme.image().height())
                        .disableNotification(true)
                        .build()))).whenComplete((message, error) -> {
            if (error == null && message.getAnimation() != null) {
                target.complete(new Uploaded(message.getAnimation().getFileId(), true, meme));
            } else if (error == null && message.getDocument() != null) {
                target.complete(new Uploaded(message.getDocument().getFileId(), true, meme));
            } else {
                if (!(SendQueue.unwrap(error) instanceof CancellationException)) {
                    log.warn("Inline GIF upload failed: {}", error == null ? "no animation in the reply"
                            : SendQueue.unwrap(error).toString());
                }
                target.completeExceptionally(error != null ? SendQueue.unwrap(error)
                        : new IllegalStateException("Telegram returned no animation"));
            }
        });
    }

    private StorageChat nextStorageChat() {
        return storageChats.get(Math.floorMod(nextStorageChat.getAndIncrement(), storageChats.size()));
    }

    /** The largest size: a cached photo result shows the file_id it is given. */
    private static Optional<String> photoId(Message message) {
        if (message == null || message.getPhoto() == null) {
            return Optional.empty();
        }
        return message.getPhoto().stream()
                .max(Comparator.comparingLong(p -> (long) nz(p.getWidth()) * nz(p.getHeight())))
                .map(PhotoSize::getFileId);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static InlineQueryResult result(String id, Uploaded up) {
        String title = up.meme.template().name();
        if (up.animation) {
            return InlineQueryResultCachedGif.builder().id(id).gifFileId(up.fileId).title(title).build();
        }
        return InlineQueryResultCachedPhoto.builder().id(id).photoFileId(up.fileId).title(title)
                .description(Replies.limit(up.meme.caption(), 200)).build();
    }

    private CompletableFuture<Boolean> send(AnswerInlineQuery answer) {
        return api.direct("answerInlineQuery", () -> api.call(answer));
    }

    /**
     * A chat the bot uploads candidates to, and whether it is paced as a group or channel (20 messages
     * a minute) rather than a private chat (one a second): what Telegram allows it.
     */
    record StorageChat(String id, boolean group) {
    }

    /** What decides the image: the template, the final texts and the format (not how the texts came about). */
    record UploadKey(String template, List<String> texts, ImageFormat format) {
        static UploadKey of(Meme meme) {
            return new UploadKey(meme.template().key(), meme.texts(), meme.image().format());
        }
    }

    /** A meme Telegram already has, and how to show it. */
    record Uploaded(String fileId, boolean animation, Meme meme) {
    }
}
