package dev.memebattle.telegram;

import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
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
 * platform-neutral {@link ChatCommands}; {@code /start} is {@code /help}. {@code /battle} goes to
 * the {@link BattleCommand} with the chat and forum topic as the battle's channel, so entries and
 * results are posted where the battle was started. Only {@code /memeadmin}, {@code /battleadmin}
 * and {@code /battle start|cancel} ask Telegram who the chat's admins are; other commands use
 * what is already known (it only exempts admins from cooldowns).
 */
final class CommandMessages {

    private static final Logger log = LoggerFactory.getLogger(CommandMessages.class);
    private static final Pattern NAME = Pattern.compile("^/([A-Za-z0-9_]{1,32})(@[A-Za-z0-9_]{1,64})?(?=\\s|$)");

    static final String CANNOT_CHECK_ADMINS = "I couldn't check with Telegram who this chat's admins are — please try again.";

    private final ChatCommands commands;
    private final BattleCommand battle;
    private final ChatAdmins admins;
    private final Replies replies;
    private final BattlePosts battlePosts;
    private final PlayerNames names;
    private final LeaderboardPages leaderboards;
    private final String botName;

    CommandMessages(ChatCommands commands, BattleCommand battle, ChatAdmins admins, Replies replies,
                    BattlePosts battlePosts, PlayerNames names, LeaderboardPages leaderboards, String botName) {
        this.commands = commands;
        this.battle = battle;
        this.admins = admins;
        this.replies = replies;
        this.battlePosts = battlePosts;
        this.names = names;
        this.leaderboards = leaderboards;
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
        String args = name.equals("battle") || name.equals("leaderboard")
                ? ChatText.clean(text.substring(m.end())).strip() : "";
        if (name.equals("start")) {
            text = "/help" + (m.group(2) == null ? "" : m.group(2)) + text.substring(m.end());
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        Long senderChat = message.getSenderChat() == null ? null : message.getSenderChat().getId();
        long userId = message.getFrom() != null ? message.getFrom().getId()
                : senderChat != null ? senderChat : chat.id();
        String battleAction = name.equals("battle") ? args.split(" ", 2)[0].toLowerCase(Locale.ROOT) : "";
        boolean strictAdmin = name.equals("memeadmin") || name.equals("battleadmin");
        boolean askAdmin = strictAdmin || battleAction.equals("start") || battleAction.equals("cancel");
        CompletableFuture<Optional<Boolean>> admin = askAdmin
                ? admins.isAdmin(chat, userId, senderChat)
                : CompletableFuture.completedFuture(Optional.of(admins.knownAdmin(chat, userId)));
        String command = text;
        Integer topic = message.isTopicMessage() ? message.getMessageThreadId() : null; // answer in the same forum topic
        String displayName = message.getFrom() != null && senderChat == null ? PlayerNames.of(message.getFrom())
                : PlayerNames.of(message.getSenderChat());
        int messageId = message.getMessageId();
        return admin.thenCompose(isAdmin -> {
            // For battles a failed lookup only means "not an admin": the starter can still cancel their own.
            boolean known = isAdmin.isPresent() || !strictAdmin;
            ChatOrigin origin = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(userId), isAdmin.orElse(false));
            if (!known) {
                return replies.answer(origin, chat, messageId, topic, ChatReply.Text.problem(CANNOT_CHECK_ADMINS))
                        .thenAccept(posted -> { });
            }
            if (name.equals("battle")) {
                return battle(origin, chat, messageId, topic, battleAction, args, displayName);
            }
            Optional<LeaderboardPages.Request> board = name.equals("leaderboard") ? LeaderboardPages.parse(args)
                    : Optional.empty();
            if (board.isPresent()) {
                return leaderboards.answer(origin, chat, messageId, topic, board.get()).thenAccept(posted -> { });
            }
            CompletableFuture<ChatReply> reply = commands.handle(origin, command, botName);
            if (reply == null) {
                return CompletableFuture.completedFuture(null); // addressed to another bot
            }
            return reply.thenCompose(r -> replies.answer(origin, chat, messageId, topic, r)).thenAccept(posted -> { });
        }).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("Reply to /{} in chat {} failed: {}", name, chat.id(), SendQueue.unwrap(error).toString());
            }
        });
    }

    /**
     * {@code /battle …} with this chat (and topic) as the battle's channel. A successful entry or
     * cancellation whose post answered the command gets no text answer besides.
     */
    private CompletableFuture<Void> battle(ChatOrigin origin, TelegramChat chat, int messageId, Integer topic,
                                        String action, String args, String displayName) {
        names.remember(origin, displayName); // before the command: an entry or a battle names its player
        BattlePosts.Command awaiting = action.equals("enter") || action.equals("cancel")
                ? battlePosts.awaiting(chat, origin.userId(), messageId, topic) : null;
        String channel = new BattleChannel(chat, topic).channel();
        CompletableFuture<ChatReply> reply;
        try {
            reply = battle.run(origin, channel, args);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(error -> {
            log.error("/battle failed", error);
            return ChatReply.Text.problem("Something went wrong with /battle — please try again.");
        }).thenCompose(r -> {
            if (awaiting != null) {
                battlePosts.handled(chat, origin.userId(), awaiting);
                if (awaiting.answered() && r instanceof ChatReply.Text t && !t.problem()) {
                    return CompletableFuture.completedFuture(null);
                }
            }
            return replies.answer(origin, chat, messageId, topic, r).thenAccept(posted -> { });
        });
    }
}
