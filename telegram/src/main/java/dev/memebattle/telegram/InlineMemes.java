package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.InlineCandidates;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeResult;
import dev.memebattle.engine.MemeService;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.RenderedMeme;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultGif;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultPhoto;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedGif;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Inline mode: {@code @bot doge wow} offers several candidate memes to pick from, as the core's
 * {@link InlineCandidates} plans them; this class renders, uploads and answers. Telegram only
 * shows inline photos by URL or by a {@code file_id} it already has. With {@code inline_images} the
 * bot serves them by URL itself ({@link InlineImageServer}); otherwise (and for GIFs too big to go by
 * URL) each render is uploaded once to a storage chat ({@link StorageUploads}: several queries' stills
 * share one media group). Under a burst a query is answered within Telegram's window with the fresh
 * candidates ready by then, filled up with the template's {@link WarmCandidates}.
 */
final class InlineMemes {

    private static final Logger log = LoggerFactory.getLogger(InlineMemes.class);
    static final String NEEDS_STORAGE = "inline mode needs telegram.storage_chat_id or telegram.inline_images";
    private static final int MAX_QUERY = 256;
    /** Telegram takes an answer for ~10 s after the query; our answer needs a moment to get there. */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(9);
    private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);
    /** Show the candidates drawn by then when the engine is backlogged or warm ones can fill the page. */
    static final Duration RENDER_BUDGET = Duration.ofMillis(1500);
    /** Uploads waiting in the storage chats from which they count as queued up. */
    private static final int UPLOAD_BACKLOG = 4;
    /** With uploads queued up (or warm ones to fill the page), answer with what is up by then. */
    static final Duration ANSWER_BUDGET = Duration.ofMillis(2500);
    static final String NOTHING_TO_SHOW = "I couldn't draw these memes just now — try again, or other words.";

    private final InlineCandidates candidates;
    private final MemeService memes;
    private final BotApi api;
    private final StorageUploads uploads;
    /** Serves candidates by URL when configured (no uploads); null = every candidate is uploaded. */
    private final InlineImageServer images;
    private final WarmCandidates warm;
    private final int cacheSeconds;
    /** The update id of each user's newest inline query. */
    private final Cache<Long, Integer> latest = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();

    /**
     * @param candidates    what to offer for a query (the core decides; this class only renders and uploads)
     * @param warmTemplates how many templates to keep candidates of ready ahead of the queries (0: none)
     */
    InlineMemes(InlineCandidates candidates, TemplateCatalog catalog, MemeService memes, BotApi api, SendQueue queue,
                List<StorageUploads.StorageChat> storageChats, InlineImageServer images, int cacheSeconds, int warmTemplates) {
        this.candidates = candidates;
        this.memes = memes;
        this.api = api;
        this.uploads = new StorageUploads(api, queue, storageChats);
        this.images = images;
        this.cacheSeconds = cacheSeconds;
        this.warm = new WarmCandidates(candidates, catalog, on() ? warmTemplates : 0, this::prepare, this::showable,
                () -> memes.idle() && (!uploads.any() || uploads.calm()));
    }

    /** Whether inline mode can show anything (a storage chat or the image server). */
    private boolean on() {
        return uploads.any() || images != null;
    }

    /** Keeps the warm candidates made while the bot is idle (checks once a second). */
    void warmEvery(ScheduledExecutorService timer) {
        if (on()) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    warm.tick();
                } catch (RuntimeException e) {
                    log.warn("Warming inline candidates failed: {}", e.toString());
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * @param updateId the update's id: it orders a user's queries however they are processed
     * @return done when the query was answered (or found superseded)
     */
    CompletableFuture<Boolean> answer(InlineQuery query, int updateId) {
        if (!on()) {
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
        // Telegram sends a query per keystroke pause, and takes an answer for ~10 s: renders and uploads for
        // text the user has typed past, for a query Telegram will no longer accept, or for one answered
        // already, are dropped
        BooleanSupplier current = () -> Integer.valueOf(updateId).equals(latest.getIfPresent(user))
                && System.nanoTime() - received < ANSWER_WINDOW.toNanos();
        AtomicBoolean answered = new AtomicBoolean();
        BooleanSupplier waiting = () -> !answered.get() && current.getAsBoolean();
        String text = ChatText.clean(query.getQuery() == null ? "" : query.getQuery());
        if (text.length() > MAX_QUERY) { // Telegram caps queries at 256 characters; never split a surrogate pair
            text = text.substring(0, Character.isHighSurrogate(text.charAt(MAX_QUERY - 1)) ? MAX_QUERY - 1 : MAX_QUERY);
        }
        int page = page(query.getOffset());
        InlineCandidates.Plan plan = candidates.plan(text, page);
        List<MemeRequest> requests = plan.requests().stream().map(this::forShowing).toList();
        List<MemeTemplate> templates = requests.stream().map(MemeRequest::template).distinct().toList();
        if (page == 0 && templates.size() == 1) { // a template named, not a browse or search
            warm.asked(templates.get(0));
        }
        // warm candidates of these templates can fill a first page that fresh ones do not: then the answer
        // need not wait long for the fresh ones
        boolean fillable = page == 0 && templates.stream().anyMatch(t -> !warm.ready(t).isEmpty());
        // a fresh GIF would wait behind the queued uploads for a message of its own (Telegram groups no
        // animations), past the answer: then the template's warm GIFs are shown and nothing is made
        List<MemeRequest> toMake = fillable && images == null && uploads.waiting() > 0
                && templates.stream().allMatch(MemeTemplate::animated) ? List.of() : requests;
        // the first candidate goes to the engine at once, the others once it is drawn and only if the engine
        // has no backlog (with warm ones to fill the page, no queue at all): under a burst every query gets
        // its first candidate soon, and fewer extra ones
        List<CompletableFuture<Optional<Drawn>>> renders = new ArrayList<>();
        if (!toMake.isEmpty()) {
            CompletableFuture<Optional<Drawn>> first = render(toMake.get(0), waiting);
            renders.add(first);
            CompletableFuture<Boolean> extras = first.thenApply(drawn -> fillable ? !memes.busy() : !memes.backlogged()); // asked once
            for (MemeRequest later : toMake.subList(1, toMake.size())) {
                renders.add(extras.thenCompose(ok -> ok ? render(later, waiting)
                        : CompletableFuture.completedFuture(Optional.<Drawn>empty())));
            }
        }
        return rendered(renders, received, fillable)
                .thenCompose(all -> show(distinct(renders.stream().filter(CompletableFuture::isDone)
                        .map(CompletableFuture::join).flatMap(Optional::stream).toList()), waiting, received, fillable))
                .thenApply(fresh -> {
                    answered.set(true); // what is still being made for this query is no longer waited for
                    return results(fresh, templates, requests.size(), page);
                })
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

    /**
     * The page: the fresh candidates in their order, then (first page only) warm ones of the same
     * templates up to the page's size. Fresh ones that anyone may be shown are kept warm.
     */
    private List<InlineQueryResult> results(List<Drawn> fresh, List<MemeTemplate> templates, int size, int page) {
        List<InlineQueryResult> results = new ArrayList<>();
        Set<StorageUploads.UploadKey> shown = new HashSet<>();
        for (Drawn d : fresh) {
            result(d.meme(), "p" + page + "-" + results.size()).ifPresent(r -> {
                results.add(r);
                shown.add(StorageUploads.UploadKey.of(d.meme()));
                warm.offer(d.request(), d.meme());
            });
        }
        for (MemeTemplate t : page == 0 ? templates : List.<MemeTemplate>of()) {
            for (Meme m : warm.ready(t)) {
                if (results.size() < size && shown.add(StorageUploads.UploadKey.of(m))) {
                    // "w": warm (the benchmark tells them apart)
                    result(m, "w-" + results.size()).ifPresent(results::add);
                }
            }
        }
        return results;
    }

    /** A fresh candidate and what it was made for. */
    private record Drawn(MemeRequest request, Meme meme) {
    }

    /** Whether Telegram can show this meme right now: served by URL, or uploaded already. */
    private boolean showable(Meme meme) {
        return byUrl(meme) || uploads.known(meme).isPresent();
    }

    /** One result: by URL, or by the file_id of its upload; empty if neither (forgotten meanwhile). */
    private Optional<InlineQueryResult> result(Meme meme, String id) {
        if (byUrl(meme)) {
            return Optional.of(linked(id, meme));
        }
        return uploads.known(meme).map(up -> cached(id, up));
    }

    /**
     * Makes warm candidates showable: drawn one after another as a query's would be (one worker at a
     * time, and none once memes queue up), then uploaded together (one message for the stills, after every query's uploads) unless
     * they can go by URL.
     */
    private CompletableFuture<WarmCandidates.Prepared> prepare(List<MemeRequest> requests) {
        CompletableFuture<List<Optional<Meme>>> drawn = CompletableFuture.completedFuture(List.of());
        for (MemeRequest request : requests) {
            // queries that come meanwhile go first: the round stops at the first sign of a queue
            drawn = drawn.thenCompose(done -> memes.busy() ? CompletableFuture.completedFuture(done)
                    : render(forShowing(request), () -> true).thenApply(one -> {
                        List<Optional<Meme>> more = new ArrayList<>(done);
                        more.add(one.map(Drawn::meme));
                        return more;
                    }));
        }
        return drawn.thenCompose(tried -> {
            List<Meme> list = tried.stream().flatMap(Optional::stream).toList();
            int renderFailures = (int) tried.stream().filter(Optional::isEmpty).count();
            List<Meme> toUpload = list.stream().filter(m -> !byUrl(m)).toList();
            List<CompletableFuture<StorageUploads.Uploaded>> ids = toUpload.isEmpty() || !uploads.any() ? List.of()
                    : uploads.warm(toUpload);
            return CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).handle((v, error) -> null)
                    .thenApply(v -> {
                        List<Meme> made = list.stream().filter(this::showable).toList();
                        return new WarmCandidates.Prepared(made, renderFailures + list.size() - made.size());
                    });
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
     * Done when every candidate is drawn; with the engine backlogged (a burst) or warm candidates to fill
     * the page, at {@link #RENDER_BUDGET} with those drawn by then; with none by then and none warm,
     * when the first is.
     */
    private CompletableFuture<Void> rendered(List<CompletableFuture<Optional<Drawn>>> renders, long received,
                                             boolean fillable) {
        CompletableFuture<?>[] all = renders.toArray(CompletableFuture[]::new);
        Duration budget = memes.backlogged() || fillable ? RENDER_BUDGET : ANSWER_WINDOW.minus(ANSWER_MARGIN);
        return CompletableFuture.allOf(all).copy()
                .completeOnTimeout(null, millisLeft(received, budget), TimeUnit.MILLISECONDS)
                .thenCompose(v -> fillable || renders.stream().anyMatch(r -> r.isDone() && r.join().isPresent())
                        ? CompletableFuture.<Void>completedFuture(null)
                        : firstOf(renders, drawn -> drawn.isPresent())
                                .completeOnTimeout(null, millisLeft(received, ANSWER_WINDOW.minus(ANSWER_MARGIN)),
                                        TimeUnit.MILLISECONDS));
    }

    /** A candidate drawn, or dropped unmade once its query is no longer {@code wanted}. */
    private CompletableFuture<Optional<Drawn>> render(MemeRequest request, BooleanSupplier wanted) {
        return memes.submit(request, wanted).thenApply(result -> {
            if (result instanceof MemeResult.Done done) {
                return Optional.of(new Drawn(request, done.meme()));
            }
            log.debug("Inline candidate {} skipped: {}", request.template().key(), result);
            return Optional.<Drawn>empty();
        }).exceptionally(error -> Optional.empty());
    }

    /** Candidates that came out the same (a caption writer that ignores the seed) are shown once. */
    private static List<Drawn> distinct(List<Drawn> all) {
        Map<String, Drawn> byCaption = new LinkedHashMap<>();
        for (Drawn d : all) {
            byCaption.putIfAbsent(d.meme().template().key() + '\u0000' + d.meme().caption(), d);
        }
        return List.copyOf(byCaption.values());
    }

    /**
     * The fresh candidates Telegram can show, in their order: by URL where the image server can show
     * them, else once uploaded to a storage chat; the others are left out. Uploads are waited for
     * (within Telegram's window); when they queue up or warm candidates can fill the page, only until
     * {@link #ANSWER_BUDGET} after the query came, and with none up by then and none warm, until the
     * first one is.
     */
    private CompletableFuture<List<Drawn>> show(List<Drawn> list, BooleanSupplier wanted, long received,
                                                boolean fillable) {
        List<Meme> toUpload = list.stream().map(Drawn::meme).filter(m -> !byUrl(m)).toList();
        List<CompletableFuture<StorageUploads.Uploaded>> ids = toUpload.isEmpty() || !uploads.any() ? List.of()
                : uploads.upload(toUpload, wanted);
        CompletableFuture<Void> all = CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null);
        boolean someByUrl = list.stream().anyMatch(d -> byUrl(d.meme()));
        Duration budget = uploads.waiting() >= UPLOAD_BACKLOG || fillable ? ANSWER_BUDGET
                : ANSWER_WINDOW.minus(ANSWER_MARGIN);
        CompletableFuture<Void> ready = all.copy().completeOnTimeout(null, millisLeft(received, budget),
                TimeUnit.MILLISECONDS).thenCompose(v -> fillable || someByUrl || ids.isEmpty()
                || ids.stream().anyMatch(InlineMemes::uploaded)
                ? CompletableFuture.<Void>completedFuture(null)
                : firstOf(ids, up -> true)
                        .completeOnTimeout(null, millisLeft(received, ANSWER_WINDOW.minus(ANSWER_MARGIN)), TimeUnit.MILLISECONDS));
        return ready.thenApply(v -> list.stream().filter(d -> showable(d.meme())).toList());
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

    private static boolean uploaded(CompletableFuture<StorageUploads.Uploaded> upload) {
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

    private static InlineQueryResult cached(String id, StorageUploads.Uploaded up) {
        String title = up.title();
        if (up.animation()) {
            return InlineQueryResultCachedGif.builder().id(id).gifFileId(up.fileId()).title(title).build();
        }
        return InlineQueryResultCachedPhoto.builder().id(id).photoFileId(up.fileId()).title(title)
                .description(Replies.limit(up.caption(), 200)).build();
    }

    private CompletableFuture<Boolean> send(AnswerInlineQuery answer) {
        return api.direct("answerInlineQuery", () -> api.call(answer));
    }
}
