package dev.memebattle.telegram;

import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text commands in private chats and groups, also as {@code /meme@BotName}: routed through the
 * platform-neutral {@link ChatCommands}; {@code /start} is {@code /help}. Only
 * {@code /memeadmin} asks Telegram who the chat's admins are; other commands use what is already
 * known (it only exempts admins from cooldowns).
 */
final class CommandMessages {

    private static final Logger log = LoggerFactory.getLogger(CommandMessages.class);
    private static final Pattern NAME = Pattern.compile("^/([A-Za-z0-9_]{1,32})(@[A-Za-z0-9_]{1,64})?(?=\\s|$)");

    static final String CANNOT_CHECK_ADMINS = "I couldn't check with Telegram who this chat's admins are — please try again.";

    private final ChatCommands commands;
    private final ChatAdmins admins;
    private final Replies replies;
    private final String botName;

    CommandMessages(ChatCommands commands, ChatAdmins admins, Replies replies, String botName) {
        this.commands = commands;
        this.admins = admins;
        this.replies = replies;
        this.botName = botName;
    }

    /** @return done when the reply was posted (or nothing was to be posted) */
    CompletableFuture<?> handle(Message message) {
        if (!message.hasText() || message.getChat() == null || !message.getText().startsWith("/")) {
            return CompletableFuture.completedFuture(null);
        }
        String text = message.getText();
        Matcher m = NAME.matcher(text);
        if (!m.find()) {
            return CompletableFuture.completedFuture(null);
        }
        if (m.group(2) != null && !m.group(2).substring(1).equalsIgnoreCase(botName)) {
            return CompletableFuture.completedFuture(null); // "/meme@OtherBot": not for us
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (name.equals("start")) {
            text = "/help" + (m.group(2) == null ? "" : m.group(2)) + text.substring(m.end());
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        Long senderChat = message.getSenderChat() == null ? null : message.getSenderChat().getId();
        long userId = message.getFrom() != null ? message.getFrom().getId()
                : senderChat != null ? senderChat : chat.id();
        CompletableFuture<Optional<Boolean>> admin = name.equals("memeadmin")
                ? admins.isAdmin(chat, userId, senderChat)
                : CompletableFuture.completedFuture(Optional.of(admins.knownAdmin(chat, userId)));
        String command = text;
        Integer topic = message.isTopicMessage() ? message.getMessageThreadId() : null; // answer in the same forum topic
        return admin.thenCompose(isAdmin -> {
            ChatOrigin origin = new ChatOrigin("telegram", chat.idText(), Long.toString(userId), isAdmin.orElse(false));
            CompletableFuture<ChatReply> reply = isAdmin.isPresent() ? commands.handle(origin, command, botName)
                    : CompletableFuture.completedFuture(ChatReply.Text.problem(CANNOT_CHECK_ADMINS));
            if (reply == null) {
                return CompletableFuture.completedFuture(null); // addressed to another bot
            }
            return reply.thenCompose(r -> replies.answer(origin, chat, message.getMessageId(), topic, r));
        }).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("Reply to /{} in chat {} failed: {}", name, chat.id(), SendQueue.unwrap(error).toString());
            }
        });
    }
}
