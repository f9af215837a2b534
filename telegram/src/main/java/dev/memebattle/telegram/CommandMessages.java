package dev.memebattle.telegram;

import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;
import dev.memebattle.picture.UnusablePicture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
    static final String CANNOT_CHECK_ADMINS = "I couldn't check with Telegram who this chat's admins are — please try again.";

    private final ChatCommands commands;
    private final BattleCommand battle;
    private final ChatAdmins admins;
    private final Replies replies;
    private final BattlePosts battlePosts;
    private final PlayerNames names;
    private final String botName;
    private final TelegramPictures pictures;
    private final BotMetrics metrics;

    CommandMessages(ChatCommands commands, BattleCommand battle, ChatAdmins admins, Replies replies,
                    BattlePosts battlePosts, PlayerNames names, String botName, TelegramPictures pictures,
                    BotMetrics metrics) {
        this.metrics = metrics;
        this.pictures = pictures;
        this.commands = commands;
        this.battle = battle;
        this.admins = admins;
        this.replies = replies;
        this.battlePosts = battlePosts;
        this.names = names;
        this.botName = botName;
    }

    /** @return done when the reply was posted (or nothing was to be posted) */
    CompletableFuture<?> handle(Message message) {
        long received = System.nanoTime();
        // a command is the text, or the caption of a photo ("/meme top | bottom" sent with the picture)
        String text = message.hasText() ? message.getText() : message.getCaption();
        if (text == null || message.getChat() == null || !text.startsWith("/")) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<ChatCommands.Invocation> read = ChatCommands.read(text, botName);
        if (read.isEmpty() || !read.get().forUs()) {
            return CompletableFuture.completedFuture(null); // not a command, or "/meme@OtherBot": not for us
        }
        // Telegram's own "/start" (the first message to a bot) is our /help
        String name = read.get().name().equals("start") ? "help" : read.get().name();
        String args = read.get().args();
        Optional<ChatCommand> command = commands.command(name);
        TelegramChat chat = TelegramChat.of(message.getChat());
        Long senderChat = message.getSenderChat() == null ? null : message.getSenderChat().getId();
        long userId = message.getFrom() != null ? message.getFrom().getId()
                : senderChat != null ? senderChat : chat.id();
        // read with the chat's own templates in mind ("/meme office-cat wow"); who is admin is not needed for that
        ChatOrigin reading = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(userId));
        CommandInput input = command.map(c -> c.parse(reading, args)).orElse(CommandInput.EMPTY);
        String battleAction = name.equals(battle.name()) ? input.action() : "";
        // admin commands need the answer; starting or cancelling a battle only goes further for admins
        boolean strictAdmin = command.isPresent() && command.get().spec().who() == CommandSpec.Who.CHAT_ADMIN;
        boolean askAdmin = strictAdmin || battleAction.equals("start") || battleAction.equals("cancel");
        CompletableFuture<Optional<Boolean>> admin = askAdmin
                ? admins.isAdmin(chat, userId, senderChat)
                : CompletableFuture.completedFuture(Optional.of(admins.knownAdmin(chat, userId)));
        Integer topic = message.isTopicMessage() ? message.getMessageThreadId() : null; // answer in the same forum topic
        String displayName = message.getFrom() != null && senderChat == null ? PlayerNames.of(message.getFrom())
                : PlayerNames.of(message.getSenderChat());
        int messageId = message.getMessageId();
        return admin.thenCompose(isAdmin -> {
            // For battles a failed lookup only means "not an admin": the starter can still cancel their own.
            boolean known = isAdmin.isPresent() || !strictAdmin;
            ChatOrigin origin = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(userId), isAdmin.orElse(false));
            if (!known) {
                return replies.answer(origin, chat, messageId, topic, new ChatReply.Refused(CANNOT_CHECK_ADMINS))
                        .thenAccept(posted -> { });
            }
            if (name.equals(battle.name())) {
                return battle(origin, chat, messageId, topic, input, displayName);
            }
            // a command that takes a picture (/meme, /memeadmin templates add) gets the one it was sent with,
            // else the one it replies to
            Optional<String> option = command.flatMap(c -> CommandInput.pictureParam(c.spec(), input.path()))
                    .map(CommandSpec.Param::name);
            Optional<TelegramPictures.PictureFile> picture = option.isEmpty() ? Optional.empty()
                    : TelegramPictures.in(message).or(() -> TelegramPictures.in(message.getReplyToMessage()));
            CompletableFuture<ChatReply> reply = picture.isPresent()
                    ? withPicture(origin, name, input, option.get(), picture.get()) : commands.run(origin, name, input);
            return reply.thenCompose(r -> replies.answer(origin, chat, messageId, topic, r).thenAccept(posted -> {
                if (r instanceof ChatReply.Posted) {
                    metrics.delivered(TelegramBot.PLATFORM, System.nanoTime() - received);
                }
            }));
        }).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("Reply to /{} in chat {} failed: {}", name, chat.id(), SendQueue.unwrap(error).toString());
            }
        });
    }

    /**
     * Runs a command with the picture as its {@code option}, fetched through getFile only once the
     * command is allowed (no download for a member an admin action refuses).
     */
    private CompletableFuture<ChatReply> withPicture(ChatOrigin origin, String name, CommandInput input, String option,
                                                     TelegramPictures.PictureFile file) {
        Optional<String> refusal = commands.refusal(origin, name, input);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new ChatReply.Refused(refusal.get()));
        }
        return pictures.fetch(file)
                .thenCompose(bytes -> commands.run(origin, name, input.withPicture(option, bytes)))
                .exceptionally(error -> {
                    Throwable cause = SendQueue.unwrap(error);
                    if (cause instanceof UnusablePicture refused) {
                        return new ChatReply.Refused(refused.getMessage());
                    }
                    log.warn("Picture {} not fetched: {}", file.fileId(), cause.toString());
                    return new ChatReply.Refused("Telegram didn't give me that picture — send it again.");
                });
    }

    /**
     * {@code /battle …} with this chat (and topic) as the battle's channel. A successful entry or
     * cancellation whose post answered the command gets no text answer besides.
     */
    private CompletableFuture<Void> battle(ChatOrigin origin, TelegramChat chat, int messageId, Integer topic,
                                        CommandInput input, String displayName) {
        names.remember(origin, displayName); // before the command: an entry or a battle names its player
        String action = input.action();
        BattlePosts.Command awaiting = action.equals("enter") || action.equals("cancel")
                ? battlePosts.awaiting(chat, origin.userId(), messageId, topic) : null;
        String channel = new BattleChannel(chat, topic).channel();
        CompletableFuture<ChatReply> reply;
        long started = System.nanoTime();
        try {
            reply = commands.counted(origin, battle.name(), started, battle.run(origin, channel, input));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(error -> {
            log.error("/battle failed", error);
            return new ChatReply.Refused("Something went wrong with /battle — please try again.");
        }).thenCompose(r -> {
            if (awaiting != null) {
                battlePosts.handled(chat, origin.userId(), awaiting);
                if (awaiting.answered() && r instanceof ChatReply.Text) {
                    return CompletableFuture.completedFuture(null);
                }
            }
            return replies.answer(origin, chat, messageId, topic, r).thenAccept(posted -> { });
        });
    }
}
