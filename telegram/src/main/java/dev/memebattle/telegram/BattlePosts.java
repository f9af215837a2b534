package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleCancelled;
import dev.memebattle.battle.BattleChat;
import dev.memebattle.battle.BattleEvents;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.EntryPosted;
import dev.memebattle.battle.EntryRef;
import dev.memebattle.battle.Placing;
import dev.memebattle.battle.RoundClosed;
import dev.memebattle.battle.RoundStarted;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.engine.Meme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Posts what the battles tell Telegram into the battle's chat and forum topic: later rounds'
 * announcements, each entry as a photo/animation with a "👍 N" vote button, the results (with the
 * winner's meme) and cancellations. Everything goes through the {@link SendQueue}; calls come from
 * the core's threads and never block.
 *
 * <p>An entry answers the {@code /battle enter} that made it, and a cancellation the
 * {@code /battle cancel} (when this process saw the command, in the battle's topic): the chat gets
 * one message instead of a confirmation plus the post. See {@link #awaiting}.
 */
final class BattlePosts implements BattleEvents {

    private static final Logger log = LoggerFactory.getLogger(BattlePosts.class);

    /** The vote reaction, and the vote button's label. */
    static final String VOTE = "\uD83D\uDC4D";
    /** callback_data of a vote button: this prefix, then {@link EntryRef#token()} (1–64 bytes in all). */
    static final String VOTE_DATA = "v:";
    static final int MAX_CALLBACK_DATA = 64;

    /** A vote count edit uses at most a third of what a chat may be sent (its send interval, a group's window). */
    static final int EDIT_SHARE = 3;

    private final BotApi api;
    private final SendQueue queue;
    private final Replies replies;
    private final BattleService battles;
    private final ScheduledExecutorService timer;
    private final long editIntervalNanos;
    /** The message showing each entry, so a replaced entry's old message can go (memory only). */
    private final Cache<EntryRef, Integer> entryMessages = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2)).maximumSize(20_000).build();
    /** chat:user → the {@code /battle enter|cancel} being handled, for its post to reply to. */
    private final ConcurrentMap<String, Command> awaiting = new ConcurrentHashMap<>();
    /** chat:message → the entry's vote button as this process knows it. */
    private final Cache<String, Button> buttons = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofDays(2)).maximumSize(20_000).build();

    /** @param flood the send limits; a message's vote count is edited at most every 3 sends' worth of them */
    BattlePosts(BotApi api, SendQueue queue, Replies replies, BattleService battles, ScheduledExecutorService timer,
                TelegramConfig.Flood flood) {
        this.api = api;
        this.queue = queue;
        this.replies = replies;
        this.battles = battles;
        this.timer = timer;
        long perSend = Math.max(flood.chatIntervalMs(), flood.groupWindowMs() / flood.groupLimit());
        this.editIntervalNanos = TimeUnit.MILLISECONDS.toNanos(EDIT_SHARE * perSend);
    }

    // ---- what the core tells us ----

    @Override
    public void roundStarted(RoundStarted round) {
        BattleChannel where = where(round.chat());
        watch("round " + round.round() + " of battle " + round.battleId(), where,
                () -> replies.text(where.chat(), (Integer) null, where.topic(), round.announcement()));
    }

    @Override
    public void entryPosted(EntryPosted entry) {
        BattleChannel where = where(entry.chat());
        EntryRef ref = entry.entry();
        Integer replyTo = answer(where, ref.playerId());
        String data = voteData(ref);
        watch("entry " + ref.token(), where, () -> replies.media(where.chat(), replyTo, where.topic(), entry.meme(),
                entry.caption(), data == null ? null : voteButton(data, 0)).thenApply(message -> {
                    // Reactions count from here on (the button works without this: it names the entry).
                    battles.entryMessage(ref, Integer.toString(message.getMessageId()));
                    if (data != null) {
                        buttons.put(key(where.chat(), message.getMessageId()), new Button(data, ref, 0));
                    }
                    Integer old = entryMessages.asMap().put(ref, message.getMessageId());
                    if (entry.replaced() && old != null) {
                        delete(where.chat(), old);
                    }
                    return message;
                }));
    }

    @Override
    public void roundClosed(RoundClosed results) {
        BattleChannel where = where(results.chat());
        String summary = results.summary();
        Optional<Meme> winner = results.winnerMeme();
        watch("results of round " + results.round() + " of battle " + results.battleId(), where, () -> {
            if (winner.isEmpty()) {
                return replies.text(where.chat(), (Integer) null, where.topic(), summary);
            }
            if (summary.length() <= Replies.MAX_CAPTION) {
                return replies.media(where.chat(), null, where.topic(), winner.get(), summary, null);
            }
            // Too long for a caption: the ranking as text, then the winner's meme.
            String names = String.join(", ", results.winners().stream().map(Placing::playerName).toList());
            return replies.text(where.chat(), (Integer) null, where.topic(), summary)
                    .thenCompose(text -> replies.media(where.chat(), null, where.topic(), winner.get(),
                            "🏆 Round " + results.round() + " winner: " + names + "\n" + winner.get().caption(), null));
        });
    }

    @Override
    public void battleCancelled(BattleCancelled cancelled) {
        BattleChannel where = where(cancelled.chat());
        Integer replyTo = answer(where, cancelled.byUserId());
        watch("cancellation of battle " + cancelled.battleId(), where,
                () -> replies.text(where.chat(), replyTo, where.topic(), cancelled.message()));
    }

    // ---- for the command and vote handlers ----

    /**
     * A {@code /battle enter} or {@code /battle cancel} by {@code userId} is being handled: the post
     * it leads to replies to it, if it goes to the command's topic. Then {@link Command#answered()}
     * is true and the command needs no text answer of its own.
     */
    Command awaiting(TelegramChat chat, String userId, int messageId, Integer topic) {
        Command command = new Command(messageId, topic, new AtomicBoolean());
        awaiting.put(key(chat, userId), command);
        return command;
    }

    void handled(TelegramChat chat, String userId, Command command) {
        awaiting.remove(key(chat, userId), command);
    }

    /** A command being handled, and whether a battle post has answered it. */
    record Command(int messageId, Integer topic, AtomicBoolean post) {
        boolean answered() {
            return post.get();
        }
    }

    /** The command message a post by {@code userId} answers, or null. */
    private Integer answer(BattleChannel where, String userId) {
        Command command = awaiting.get(key(where.chat(), userId));
        if (command == null || !Objects.equals(command.topic(), where.topic())) {
            return null;
        }
        command.post().set(true);
        return command.messageId();
    }

    /**
     * The votes on the entry shown as {@code messageId} changed. The button is edited at most every
     * few sends' worth of the chat's limits, and shows the count read when its edit's turn comes:
     * votes and taken-back votes finish in parallel transactions in any order, so only a fresh
     * read is exact (also after a restart, when this process has not seen the button before).
     */
    void votesChanged(TelegramChat chat, int messageId, EntryRef entry) {
        String data = voteData(entry);
        if (data == null) {
            return;
        }
        Button button = buttons.get(key(chat, messageId), k -> new Button(data, entry, Button.UNKNOWN));
        long wait;
        synchronized (button) {
            button.dirty = true;
            if (button.queued) {
                return; // the queued edit reads the count when it runs
            }
            button.queued = true;
            wait = button.editedAt == Long.MIN_VALUE ? 0 : button.editedAt + editIntervalNanos - System.nanoTime();
        }
        Runnable edit = () -> edit(chat, messageId, button);
        if (wait <= 0) {
            edit.run();
            return;
        }
        try {
            timer.schedule(edit, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            synchronized (button) {
                button.queued = false;
            }
        }
    }

    private void edit(TelegramChat chat, int messageId, Button button) {
        queue.submit(chat.idText(), chat.group(), "editMessageReplyMarkup", () -> {
            synchronized (button) {
                if (!button.dirty) {
                    return false;
                }
                button.dirty = false; // a vote from now on marks it again and is read by the next edit
            }
            int votes;
            try {
                votes = battles.votes(button.entry);
            } catch (RuntimeException e) {
                log.debug("Vote count of {} not read: {}", button.entry.token(), e.toString());
                return false;
            }
            synchronized (button) {
                button.next = votes;
                return votes != button.shown; // unchanged: the slot goes to the chat's next send
            }
        }, () -> {
            int votes;
            synchronized (button) {
                votes = button.next;
                button.shown = votes;
                button.editedAt = System.nanoTime();
            }
            return api.call(EditMessageReplyMarkup.builder()
                    .chatId(chat.id())
                    .messageId(messageId)
                    .replyMarkup(voteButton(button.data, votes))
                    .build());
        }).whenComplete((ok, error) -> {
            // Cancelled = not wanted (nothing to show); any other error leaves the button unknown.
            boolean failed = error != null && !(SendQueue.unwrap(error) instanceof CancellationException);
            boolean again;
            synchronized (button) {
                button.queued = false;
                if (failed) {
                    button.shown = Button.UNKNOWN; // whatever it shows, the next change edits it
                }
                again = button.dirty;
            }
            if (failed) {
                log.debug("Vote count on message {} in chat {} not updated: {}", messageId, chat.id(),
                        SendQueue.unwrap(error).toString());
            }
            if (again) {
                votesChanged(chat, messageId, button.entry);
            }
        });
    }

    // ---- helpers ----

    /** The button's callback data, or null when the token does not fit (then only 👍 reactions vote). */
    static String voteData(EntryRef entry) {
        String data = VOTE_DATA + entry.token();
        return data.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_DATA ? data : null;
    }

    static InlineKeyboardMarkup voteButton(String data, int votes) {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text(VOTE + " " + votes).callbackData(data).build())));
    }

    private void delete(TelegramChat chat, int messageId) {
        queue.submit(chat.idText(), chat.group(), "deleteMessage",
                        () -> api.call(new DeleteMessage(chat.idText(), messageId)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.info("Could not delete replaced entry {} in chat {}: {}", messageId, chat.id(),
                                SendQueue.unwrap(error).toString());
                    }
                });
    }

    private static BattleChannel where(BattleChat chat) {
        return BattleChannel.of(chat);
    }

    private static String key(TelegramChat chat, Object id) {
        return chat.id() + ":" + id;
    }

    private static void watch(String what, BattleChannel where, Supplier<CompletableFuture<Message>> post) {
        CompletableFuture<Message> done;
        try {
            done = post.get();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("Telegram: could not post the {} in chat {}: {}", what, where.channel(),
                        SendQueue.unwrap(error).toString());
            }
        });
    }

    /** A vote button's state; guarded by itself. */
    /** An entry's vote button: what it shows, and whether an edit is due or queued. Guarded by itself. */
    private static final class Button {
        static final int UNKNOWN = -1;

        final String data;
        final EntryRef entry;
        int shown;
        int next;
        boolean dirty;
        boolean queued;
        long editedAt = Long.MIN_VALUE;

        Button(String data, EntryRef entry, int shown) {
            this.data = data;
            this.entry = entry;
            this.shown = shown;
        }
    }
}
