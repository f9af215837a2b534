package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.engine.Meme;
import dev.memebattle.render.ImageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendAnimation;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.media.InputMedia;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Uploads inline candidates to the storage chats, once each, and remembers their {@code file_id}s
 * (keyed by everything that decides the image). A storage chat takes about one message a second,
 * a group or channel 20 a minute, so a message is worth more than a picture: each storage chat has
 * at most one upload waiting in the {@link SendQueue}, and what it carries is decided when its turn
 * comes — up to ten still candidates, of any queries, as one media group (first candidates of a
 * query before its extras, both before background warming), or else one GIF (Telegram does not
 * group animations). A candidate nobody waits for any more gives up its place without using a message.
 */
final class StorageUploads {

    private static final Logger log = LoggerFactory.getLogger(StorageUploads.class);
    /** Telegram's most photos in one media group. */
    static final int MEDIA_GROUP = 10;
    /** How long the most urgent GIF lets media groups of stills go first. */
    private static final long GIF_PATIENCE_NANOS = 1_000_000_000L;

    /** Who waits for an upload, in the order they go out. */
    enum Priority {
        /** a query's first candidate: what it is answered with */
        FIRST,
        /** a query's other candidates */
        EXTRA,
        /** made ahead of queries in the background */
        WARM
    }

    private final BotApi api;
    private final SendQueue queue;
    private final List<Lane> chats;
    private final Cache<UploadKey, Uploaded> uploaded = Caffeine.newBuilder().maximumSize(50_000).build();
    // guarded by "this"
    private final Map<UploadKey, Pending> waiting = new HashMap<>();
    private long order;
    private int turn;

    StorageUploads(BotApi api, SendQueue queue, List<StorageChat> storageChats) {
        this.api = api;
        this.queue = queue;
        this.chats = storageChats.stream().map(Lane::new).toList();
    }

    boolean any() {
        return !chats.isEmpty();
    }

    /** The file_id of an image Telegram already has, if any. */
    Optional<Uploaded> known(Meme meme) {
        return Optional.ofNullable(uploaded.getIfPresent(UploadKey.of(meme)));
    }

    /**
     * A page's candidates: all to one storage chat (one media group for its stills), the first before
     * the others.
     *
     * @param wanted asked until the upload's message goes out: an upload is dropped when nobody waiting
     *               for it still wants it
     * @return each one's file_id once Telegram has it; fails with {@link CancellationException} when dropped
     */
    List<CompletableFuture<Uploaded>> upload(List<Meme> memes, BooleanSupplier wanted) {
        return enqueue(memes, first -> first ? Priority.FIRST : Priority.EXTRA, wanted);
    }

    /** Candidates made ahead of the queries: they go with whatever message leaves next, after the queries' own. */
    List<CompletableFuture<Uploaded>> warm(List<Meme> memes) {
        return enqueue(memes, first -> Priority.WARM, () -> true);
    }

    /** All to the least busy storage chat, then its next message is scheduled. */
    private List<CompletableFuture<Uploaded>> enqueue(List<Meme> memes, Function<Boolean, Priority> priority,
                                                      BooleanSupplier wanted) {
        List<CompletableFuture<Uploaded>> ids = new ArrayList<>();
        Lane chat;
        synchronized (this) {
            chat = leastBusy();
            for (Meme meme : memes) {
                ids.add(add(chat, meme, priority.apply(ids.isEmpty()), wanted));
            }
        }
        schedule(chat);
        return ids;
    }

    /** Known, joined, or added to the chat's waiting uploads (sent once the caller schedules the chat). */
    private CompletableFuture<Uploaded> add(Lane chat, Meme meme, Priority priority, BooleanSupplier wanted) {
        UploadKey key = UploadKey.of(meme);
        Uploaded known = uploaded.getIfPresent(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        Pending running = waiting.get(key);
        if (running != null) {
            running.wantedBy(wanted, priority);
            return running.future;
        }
        Pending pending = new Pending(key, meme, priority, order++, wanted);
        waiting.put(key, pending);
        chat.pending.add(pending);
        return pending.future;
    }

    /** The storage chat with the fewest uploads waiting (each has its own flood limit); ties take turns. */
    private Lane leastBusy() {
        int start = Math.floorMod(turn++, chats.size());
        Lane best = null;
        for (int i = 0; i < chats.size(); i++) {
            Lane c = chats.get((start + i) % chats.size());
            if (best == null || c.pending.size() + (c.scheduled ? 1 : 0) < best.pending.size() + (best.scheduled ? 1 : 0)) {
                best = c;
            }
        }
        return best;
    }

    /** Uploads waiting for their message, over all storage chats. */
    synchronized int waiting() {
        return chats.stream().mapToInt(c -> c.pending.size()).sum();
    }

    /** No upload waits and every storage chat has room to spare: background uploads will not delay anyone. */
    boolean calm() {
        synchronized (this) {
            if (chats.stream().anyMatch(c -> !c.pending.isEmpty() || c.scheduled)) {
                return false;
            }
        }
        return chats.stream().allMatch(c -> queue.calm(c.id));
    }

    /** Puts the chat's next message in the send queue unless one already waits there. */
    private void schedule(Lane chat) {
        synchronized (this) {
            if (chat.scheduled || chat.pending.isEmpty()) {
                return;
            }
            chat.scheduled = true;
        }
        Batch batch = new Batch(chat);
        queue.submit(chat.id, chat.group, "upload (inline)", batch::stillWanted, batch::send)
                .whenComplete(batch::finished);
    }

    /** One message to a storage chat: its content is picked when the send queue gives it its turn. */
    private final class Batch {
        private final Lane chat;
        private List<Pending> picked;

        Batch(Lane chat) {
            this.chat = chat;
        }

        boolean stillWanted() {
            synchronized (StorageUploads.this) {
                return !chat.prune().isEmpty();
            }
        }

        /** Called per attempt: a retry sends the same pictures again, from fresh streams. */
        CompletableFuture<List<Message>> send() {
            List<Pending> unwanted;
            synchronized (StorageUploads.this) {
                if (picked == null) {
                    picked = chat.pick();
                }
                unwanted = chat.takeDropped();
            }
            cancel(unwanted);
            if (picked.isEmpty()) {
                return CompletableFuture.failedFuture(new CancellationException("no upload wanted"));
            }
            if (picked.size() == 1 && Replies.animated(picked.get(0).meme)) {
                Meme meme = picked.get(0).meme;
                return BotApi.attempt(() -> api.client().executeAsync(SendAnimation.builder()
                        .chatId(chat.id)
                        .animation(new InputFile(new ByteArrayInputStream(meme.image().bytes()), Replies.fileName(meme)))
                        .width(meme.image().width())
                        .height(meme.image().height())
                        .disableNotification(true)
                        .build())).thenApply(List::of);
            }
            if (picked.size() == 1) {
                Meme meme = picked.get(0).meme;
                return BotApi.attempt(() -> api.client().executeAsync(SendPhoto.builder()
                        .chatId(chat.id)
                        .photo(new InputFile(new ByteArrayInputStream(meme.image().bytes()), Replies.fileName(meme)))
                        .disableNotification(true)
                        .build())).thenApply(List::of);
            }
            return BotApi.attempt(() -> {
                List<InputMedia> media = new ArrayList<>();
                for (int i = 0; i < picked.size(); i++) { // names must be unique within the request
                    Meme meme = picked.get(i).meme;
                    media.add(new InputMediaPhoto(new ByteArrayInputStream(meme.image().bytes()),
                            "c" + i + "-" + Replies.fileName(meme)));
                }
                return api.client().executeAsync(SendMediaGroup.builder()
                        .chatId(chat.id)
                        .medias(media)
                        .disableNotification(true)
                        .build());
            });
        }

        void finished(List<Message> messages, Throwable error) {
            List<Pending> sent = picked == null ? List.of() : picked;
            Throwable cause = error == null ? null : SendQueue.unwrap(error);
            for (int i = 0; i < sent.size(); i++) {
                Pending p = sent.get(i);
                Optional<String> id = error == null && i < messages.size() ? fileId(messages.get(i), p.meme) : Optional.empty();
                Uploaded up = id.map(fileId -> Uploaded.of(fileId, p.meme)).orElse(null);
                if (up != null) { // known before anyone waiting hears of it: their callbacks look it up
                    uploaded.put(p.key, up);
                }
                synchronized (StorageUploads.this) {
                    waiting.remove(p.key, p);
                }
                if (up != null) {
                    p.future.complete(up);
                } else {
                    p.future.completeExceptionally(cause != null ? cause
                            : new IllegalStateException("Telegram returned no " + (Replies.animated(p.meme) ? "animation" : "photo")));
                }
            }
            if (cause != null && !(cause instanceof CancellationException)) {
                log.warn("Inline upload to a storage chat failed: {}", cause.toString());
            }
            List<Pending> unwanted;
            List<Pending> refused = List.of();
            synchronized (StorageUploads.this) {
                chat.scheduled = false;
                unwanted = chat.takeDropped();
                if (picked == null && cause != null && !(cause instanceof CancellationException)) {
                    // the send queue refused the message itself (shutting down, or the chat's backlog is
                    // full): what waits for this chat fails now instead of being offered to it again
                    refused = List.copyOf(chat.pending);
                    chat.pending.clear();
                    refused.forEach(p -> waiting.remove(p.key, p));
                }
            }
            cancel(unwanted);
            for (Pending p : refused) {
                p.future.completeExceptionally(cause);
            }
            if (refused.isEmpty()) {
                schedule(chat);
            }
        }
    }

    private static void cancel(List<Pending> unwanted) {
        unwanted.forEach(p -> p.future.completeExceptionally(new CancellationException("inline upload no longer wanted")));
    }

    /** The largest photo size (a cached photo result shows the file_id it is given), or the animation. */
    private static Optional<String> fileId(Message message, Meme meme) {
        if (message == null) {
            return Optional.empty();
        }
        if (Replies.animated(meme)) {
            if (message.getAnimation() != null) {
                return Optional.of(message.getAnimation().getFileId());
            }
            return message.getDocument() == null ? Optional.empty() : Optional.of(message.getDocument().getFileId());
        }
        if (message.getPhoto() == null) {
            return Optional.empty();
        }
        return message.getPhoto().stream()
                .max(Comparator.comparingLong(p -> (long) nz(p.getWidth()) * nz(p.getHeight())))
                .map(PhotoSize::getFileId);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    /** A storage chat and the uploads waiting for its next message. */
    private final class Lane {
        final String id;
        final boolean group;
        final List<Pending> pending = new ArrayList<>();
        final List<Pending> dropped = new ArrayList<>();
        boolean scheduled;

        Lane(StorageChat chat) {
            this.id = chat.id();
            this.group = chat.group();
        }

        /**
         * Sets aside what nobody wants any more (failed later by {@link #takeDropped}, outside every
         * lock: their callers' callbacks run then); returns what is left.
         */
        List<Pending> prune() {
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (!p.wanted()) {
                    it.remove();
                    waiting.remove(p.key, p); // a query asking for it from now on starts it afresh
                    dropped.add(p);
                }
            }
            return pending;
        }

        List<Pending> takeDropped() {
            List<Pending> out = List.copyOf(dropped);
            dropped.clear();
            return out;
        }

        /**
         * The next message: up to ten stills, the most urgent first, when a still is among the most
         * urgent uploads (one message serves many queries); else the most urgent GIF on its own.
         */
        List<Pending> pick() {
            // no pruning here: the send queue asked stillWanted (which pruned) just before this turn, and only
            // this message takes from the lane, so what is picked is never empty when the turn was taken
            pending.sort(Comparator.comparing((Pending p) -> p.priority).thenComparingLong(p -> p.order));
            if (pending.isEmpty()) {
                return List.of();
            }
            Priority top = pending.get(0).priority;
            boolean stillOnTop = pending.stream().anyMatch(p -> p.priority == top && !Replies.animated(p.meme));
            // a GIF that has waited a while goes next all the same: a stream of stills must not starve it
            if (!stillOnTop || Replies.animated(pending.get(0).meme)
                    && System.nanoTime() - pending.get(0).since > GIF_PATIENCE_NANOS) {
                return List.of(pending.remove(0));
            }
            List<Pending> stills = new ArrayList<>();
            for (Iterator<Pending> it = pending.iterator(); it.hasNext() && stills.size() < MEDIA_GROUP; ) {
                Pending p = it.next();
                if (!Replies.animated(p.meme)) {
                    stills.add(p);
                    it.remove();
                }
            }
            return stills;
        }
    }

    /** An upload waiting for its message, and who waits for it (the most urgent of them decides its place). */
    private static final class Pending {
        final UploadKey key;
        final Meme meme;
        final long order;
        final long since = System.nanoTime();
        final CompletableFuture<Uploaded> future = new CompletableFuture<>();
        private final List<BooleanSupplier> wanters = new CopyOnWriteArrayList<>();
        volatile Priority priority;

        Pending(UploadKey key, Meme meme, Priority priority, long order, BooleanSupplier wanted) {
            this.key = key;
            this.meme = meme;
            this.priority = priority;
            this.order = order;
            wanters.add(wanted);
        }

        void wantedBy(BooleanSupplier query, Priority p) {
            wanters.add(query);
            if (p.compareTo(priority) < 0) {
                priority = p;
            }
        }

        boolean wanted() {
            return wanters.stream().anyMatch(BooleanSupplier::getAsBoolean);
        }
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

    /**
     * A meme Telegram already has, and what its result shows: never the image itself (tens of
     * thousands of these are kept).
     */
    record Uploaded(String fileId, boolean animation, String title, String caption) {
        static Uploaded of(String fileId, Meme meme) {
            return new Uploaded(fileId, Replies.animated(meme), meme.template().name(), meme.caption());
        }
    }
}
