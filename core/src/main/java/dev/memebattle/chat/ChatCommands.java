package dev.memebattle.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes a typed message ("/meme@MyBot doge wow") to its command. Text adapters (Telegram, the
 * console) use this; Discord's slash commands call the commands directly.
 */
public final class ChatCommands {

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?$",
            Pattern.DOTALL);

    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();

    public ChatCommands(List<ChatCommand> commands) {
        for (ChatCommand c : commands) {
            this.commands.put(c.name(), c);
        }
        this.commands.putIfAbsent("help", new HelpCommand(this));
    }

    /**
     * @param botName the bot's own username: "/meme@OtherBot" is not for us and gets no answer
     * @return the reply, or null when the message is not a command addressed to us
     */
    public CompletableFuture<ChatReply> handle(ChatOrigin origin, String message, String botName) {
        String raw = message == null ? "" : message.strip();
        Matcher m = COMMAND.matcher(raw);
        if (!m.matches()) {
            return null;
        }
        if (m.group(2) != null && botName != null && !m.group(2).equalsIgnoreCase(botName)) {
            return null;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        ChatCommand command = commands.get(name);
        if (command == null) {
            return CompletableFuture.completedFuture(
                    ChatReply.Text.problem("Unknown command /" + name + " — try /help."));
        }
        String args = ChatText.clean(m.group(3));
        return command.run(origin, args).exceptionally(error -> ChatReply.Text.problem(
                "Something went wrong with /" + name + " — please try again."));
    }

    public List<ChatCommand> all() {
        return List.copyOf(commands.values());
    }

    /** {@code /help} and {@code /start}: what the bot does, with examples. */
    static final class HelpCommand implements ChatCommand {
        private final ChatCommands commands;

        HelpCommand(ChatCommands commands) {
            this.commands = commands;
        }

        @Override
        public String name() {
            return "help";
        }

        @Override
        public String help() {
            return "/help — this list";
        }

        @Override
        public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
            StringBuilder text = new StringBuilder("I make memes. Commands:\n");
            for (ChatCommand c : commands.all()) {
                text.append("• ").append(c.help()).append('\n');
            }
            return CompletableFuture.completedFuture(ChatReply.Text.info(text.toString().strip()));
        }
    }
}
