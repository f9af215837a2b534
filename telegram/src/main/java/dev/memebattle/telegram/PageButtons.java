package dev.memebattle.telegram;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ◀/▶ buttons under any page of a list ({@link ChatReply.Page}: {@code /templates}, {@code /leaderboard})
 * that turn the page in place (editMessageText), as on Discord. A press runs the same command again
 * for the other page, so anyone may page a list the way they could type it.
 */
final class PageButtons {

    private static final Logger log = LoggerFactory.getLogger(PageButtons.class);

    /** callback_data: this prefix, then {@code <command>:<page>:<arguments>}. */
    static final String DATA = "pg:";
    /** Telegram's limit for callback_data, in bytes. */
    private static final int MAX_DATA_BYTES = 64;

    private final ChatCommands commands;
    private final SendQueue queue;
    private final BotApi api;

    PageButtons(ChatCommands commands, SendQueue queue, BotApi api) {
        this.commands = commands;
        this.queue = queue;
        this.api = api;
    }

    /** ◀ and ▶ where there is a page to go to; null when there is none (or the arguments are too long to carry). */
    static InlineKeyboardMarkup buttons(ChatReply.Page page) {
        List<InlineKeyboardButton> row = new ArrayList<>();
        if (page.hasPrevious()) {
            row.add(button("◀ Page " + (page.page() - 1), data(page, page.page() - 1)));
        }
        if (page.hasNext()) {
            row.add(button("Page " + (page.page() + 1) + " ▶", data(page, page.page() + 1)));
        }
        boolean fits = row.stream().allMatch(b -> b.getCallbackData().getBytes(StandardCharsets.UTF_8).length <= MAX_DATA_BYTES);
        return row.isEmpty() || !fits ? null : new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(row)));
    }

    private static String data(ChatReply.Page page, int n) {
        return DATA + page.command() + ":" + n + ":" + page.arguments();
    }

    private static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }

    /** A ◀/▶ press: the message shows the other page; the press is always answered. */
    CompletableFuture<Void> button(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        String[] parts = query.getData() == null ? new String[0] : query.getData().substring(DATA.length()).split(":", 3);
        Optional<ChatCommand> command = parts.length == 3 ? commands.command(parts[0]) : Optional.empty();
        if (message == null || message.getChat() == null || query.getFrom() == null || command.isEmpty()
                || !parts[1].matches("\\d{1,4}")) {
            return api.answerCallback(query, BattleVotes.UNKNOWN);
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        ChatOrigin origin = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(query.getFrom().getId()));
        return commands.run(origin, parts[0], command.get().parse(parts[2] + " " + parts[1]))
                .thenCompose(reply -> show(query, message, chat, reply));
    }

    private CompletableFuture<Void> show(CallbackQuery query, MaybeInaccessibleMessage message, TelegramChat chat,
                                         ChatReply reply) {
        if (!(reply instanceof ChatReply.Page page)) {
            return api.answerCallback(query, reply instanceof ChatReply.Refused refused ? refused.text() : BattleVotes.FAILED);
        }
        CompletableFuture<Void> answered = api.answerCallback(query, null); // the spinner stops while the edit waits its turn
        queue.submit(chat.idText(), chat.group(), "editMessageText", () -> api.call(EditMessageText.builder()
                        .chatId(chat.id())
                        .messageId(message.getMessageId())
                        .text(Replies.limit(page.text(), Replies.MAX_TEXT))
                        .replyMarkup(buttons(page))
                        .build()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.info("Page not shown in chat {}: {}", chat.id(), SendQueue.unwrap(error).toString());
                    }
                });
        return answered;
    }
}
