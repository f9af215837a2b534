package dev.memebattle.telegram;

import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.LeaderboardPage;
import dev.memebattle.battle.LeaderboardScope;
import dev.memebattle.chat.ChatOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /leaderboard [server|global] [page]} with ◀/▶ buttons that turn the page in place
 * (editMessageText), as on Discord. Anyone may page a leaderboard: it is public anyway. Arguments
 * the command would refuse are left to the platform-neutral command, which says how to use it.
 */
final class LeaderboardPages {

    private static final Logger log = LoggerFactory.getLogger(LeaderboardPages.class);

    /** callback_data: this prefix, then "server:2" or "global:2". */
    static final String DATA = "lb:";

    private final BattleService battles;
    private final Replies replies;
    private final SendQueue queue;
    private final BotApi api;

    LeaderboardPages(BattleService battles, Replies replies, SendQueue queue, BotApi api) {
        this.battles = battles;
        this.replies = replies;
        this.queue = queue;
        this.api = api;
    }

    /** Which page the arguments ask for: the same words as the command; empty when it would refuse them. */
    record Request(LeaderboardScope scope, int page) {
    }

    static Optional<Request> parse(String args) {
        LeaderboardScope scope = LeaderboardScope.CHAT;
        int page = 1;
        for (String word : args.strip().toLowerCase(Locale.ROOT).split(" ")) {
            switch (word) {
                case "", "server", "chat", "group", "here" -> {
                }
                case "global", "all" -> scope = LeaderboardScope.GLOBAL;
                default -> {
                    if (!word.matches("\\d{1,4}") || Integer.parseInt(word) < 1) {
                        return Optional.empty();
                    }
                    page = Integer.parseInt(word);
                }
            }
        }
        return Optional.of(new Request(scope, page));
    }

    /** The page as a reply to the command, with its buttons. */
    CompletableFuture<Message> answer(ChatOrigin origin, TelegramChat chat, int replyTo, Integer topic, Request request) {
        LeaderboardPage board;
        try {
            board = battles.leaderboard(origin, request.scope(), request.page());
        } catch (RuntimeException e) {
            log.error("/leaderboard failed", e);
            return replies.text(chat, replyTo, topic, "Something went wrong with /leaderboard — please try again.");
        }
        return replies.text(chat, replyTo, topic, board.text(), buttons(board));
    }

    /** A ◀/▶ press: the message shows the other page; the press is always answered. */
    CompletableFuture<Void> button(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        String[] parts = query.getData() == null ? new String[0] : query.getData().substring(DATA.length()).split(":", 2);
        if (message == null || message.getChat() == null || query.getFrom() == null || parts.length != 2
                || !parts[1].matches("\\d{1,4}")) {
            return api.answerCallback(query, BattleVotes.UNKNOWN);
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        ChatOrigin origin = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(query.getFrom().getId()));
        LeaderboardScope scope = parts[0].equals("global") ? LeaderboardScope.GLOBAL : LeaderboardScope.CHAT;
        LeaderboardPage board;
        try {
            board = battles.leaderboard(origin, scope, Math.max(1, Integer.parseInt(parts[1])));
        } catch (RuntimeException e) {
            log.warn("Leaderboard page failed: {}", e.toString());
            return api.answerCallback(query, BattleVotes.FAILED);
        }
        CompletableFuture<Void> answered = api.answerCallback(query, null); // the spinner stops while the edit waits its turn
        queue.submit(chat.idText(), chat.group(), "editMessageText", () -> api.call(EditMessageText.builder()
                        .chatId(chat.id())
                        .messageId(message.getMessageId())
                        .text(Replies.limit(board.text(), Replies.MAX_TEXT))
                        .replyMarkup(buttons(board))
                        .build()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.info("Leaderboard page not shown in chat {}: {}", chat.id(), SendQueue.unwrap(error).toString());
                    }
                });
        return answered;
    }

    /** ◀ and ▶ where there is a page to go to; null when there is none. */
    static InlineKeyboardMarkup buttons(LeaderboardPage board) {
        String scope = board.scope() == LeaderboardScope.GLOBAL ? "global" : "server";
        List<InlineKeyboardButton> row = new ArrayList<>();
        if (!board.rows().isEmpty() && board.page() > 1) {
            row.add(button("◀ Page " + (board.page() - 1), DATA + scope + ":" + (board.page() - 1)));
        }
        if (!board.rows().isEmpty() && board.page() < board.pages()) {
            row.add(button("Page " + (board.page() + 1) + " ▶", DATA + scope + ":" + (board.page() + 1)));
        }
        return row.isEmpty() ? null : new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(row)));
    }

    private static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }
}
