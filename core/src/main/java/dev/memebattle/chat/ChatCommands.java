package dev.memebattle.chat;

import dev.memebattle.metrics.BotMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's commands, by name: every face runs them through here, so who may run a command is
 * checked in one place (from its {@link CommandSpec}) and a failing command answers the same
 * everywhere. Text faces (Telegram, the console) also read "/meme@MyBot doge wow" here.
 */
public final class ChatCommands {

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?$",
            Pattern.DOTALL);

    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final BotMetrics metrics;

    public ChatCommands(List<ChatCommand> commands, BotMetrics metrics) {
        this.metrics = metrics;
        for (ChatCommand c : commands) {
            this.commands.put(c.name(), c);
        }
        this.commands.putIfAbsent(HelpCommand.NAME, new HelpCommand(this));
    }

    /**
     * A typed command line: {@code /name}, optionally {@code @botname}, then arguments.
     *
     * @param forUs false when it names another bot ("/meme@OtherBot"), which gets no answer
     */
    public record Invocation(String name, String args, boolean forUs) {
    }

    /** @param botName the bot's own username; null accepts any */
    public static Optional<Invocation> read(String message, String botName) {
        Matcher m = COMMAND.matcher(message == null ? "" : message.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean forUs = m.group(2) == null || botName == null || m.group(2).equalsIgnoreCase(botName);
        return Optional.of(new Invocation(m.group(1).toLowerCase(Locale.ROOT), ChatText.clean(m.group(3)), forUs));
    }

    /**
     * A typed message, read with the command's text grammar.
     *
     * @return the reply, or empty when the message is not a command addressed to us
     */
    public Optional<CompletableFuture<ChatReply>> handle(ChatOrigin origin, String message, String botName) {
        return read(message, botName).filter(Invocation::forUs).map(call -> {
            Optional<ChatCommand> command = command(call.name());
            return command.isEmpty() ? unknown(call.name()) : run(origin, call.name(), command.get().parse(origin, call.args()));
        });
    }

    /** Runs a command on typed input (Discord's options, or what a text face parsed); counted in the metrics. */
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String name, CommandInput input) {
        return counted(origin, commands.containsKey(name) ? name : "unknown", System.nanoTime(), answer(origin, name, input));
    }

    /**
     * Counts {@code reply} as an answer to {@code command} by its outcome and observes its time since
     * {@code startNanos}: for the commands faces run themselves (battles in their channel, rerolls).
     */
    public CompletableFuture<ChatReply> counted(ChatOrigin origin, String command, long startNanos,
                                                CompletableFuture<ChatReply> reply) {
        return reply.whenComplete((r, error) -> metrics.command(origin.platform(), command, outcome(r, error),
                System.nanoTime() - startNanos));
    }

    private static BotMetrics.Outcome outcome(ChatReply reply, Throwable error) {
        if (error != null) {
            return BotMetrics.Outcome.ERROR;
        }
        if (reply instanceof ChatReply.Posted) {
            return BotMetrics.Outcome.MEME;
        }
        if (reply instanceof ChatReply.Refused refused) {
            return switch (refused.kind()) {
                case BUSY -> BotMetrics.Outcome.BUSY;
                case FAILED -> BotMetrics.Outcome.ERROR;
                case NO -> BotMetrics.Outcome.REFUSED;
            };
        }
        return BotMetrics.Outcome.OK;
    }

    private CompletableFuture<ChatReply> answer(ChatOrigin origin, String name, CommandInput input) {
        ChatCommand command = commands.get(name);
        if (command == null) {
            return unknown(name);
        }
        Optional<String> refusal = refusal(origin, name, input);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new ChatReply.Refused(refusal.get()));
        }
        if (!input.unexpected().isEmpty()) {
            return CompletableFuture.completedFuture(new ChatReply.Refused("I don't know what to do with "
                    + ChatText.quoted(ChatText.clean(input.unexpected())) + " there. Usage: " + command.help()));
        }
        CompletableFuture<ChatReply> reply;
        try {
            reply = command.run(origin, input);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(error -> new ChatReply.Refused("Something went wrong with /" + name
                + " — please try again.", ChatReply.Refused.Kind.FAILED));
    }

    /**
     * Why {@code origin} may not run this, if so: adapters ask before they fetch a picture for it.
     * The admin flag is the adapter's answer from the platform ({@link ChatOrigin#admin}); Discord's
     * default permission can be changed by a server, so it is checked here whatever Discord showed.
     */
    public Optional<String> refusal(ChatOrigin origin, String name, CommandInput input) {
        ChatCommand command = commands.get(name);
        if (command == null || command.permits(origin, input)) {
            return Optional.empty();
        }
        return Optional.of("Only the chat's admins can use /" + name + ".");
    }

    private static CompletableFuture<ChatReply> unknown(String name) {
        return CompletableFuture.completedFuture(new ChatReply.Refused("Unknown command /" + name + " — try /help."));
    }

    public Optional<ChatCommand> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public List<ChatCommand> all() {
        return List.copyOf(commands.values());
    }

    /** {@code /help} (and Telegram's {@code /start}): what the bot does, from the declarations. */
    static final class HelpCommand implements ChatCommand {
        static final String NAME = "help";
        private static final CommandSpec SPEC = new CommandSpec(NAME, "What I can do", "/help", "this list", CommandSpec.Who.ANYONE,
                CommandSpec.ANYWHERE, List.of(), List.of());
        private final ChatCommands commands;

        HelpCommand(ChatCommands commands) {
            this.commands = commands;
        }

        @Override
        public CommandSpec spec() {
            return SPEC;
        }

        @Override
        public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
            StringBuilder text = new StringBuilder("I make memes. Commands:\n");
            for (ChatCommand c : commands.all()) {
                text.append("• ").append(c.help()).append('\n');
            }
            return CompletableFuture.completedFuture(new ChatReply.Text(text.toString().strip()));
        }
    }
}
