package dev.memebattle.battle;

import dev.memebattle.chat.Outcome;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /battle start [template] [minutes] [rounds]}, {@code /battle enter [text]},
 * {@code /battle status}, {@code /battle cancel}. The entries themselves are posted by the
 * adapters from {@link dev.memebattle.battle.BattleEvents}, with their vote control.
 */
public final class BattleCommand implements ChatCommand {

    private final BattleService battles;
    private final TemplateResolver templates;
    private final Clock clock;

    public BattleCommand(BattleService battles, TemplateResolver templates, Clock clock) {
        this.battles = battles;
        this.templates = templates;
        this.clock = clock;
    }

    public static final String TEMPLATE = "template";
    public static final String MINUTES = "minutes";
    public static final String ROUNDS = "rounds";
    public static final String TEXT = "text";
    private static final CommandSpec SPEC = new CommandSpec("battle",
            "Meme battles: everyone captions the same template, the chat votes with 👍",
            "/battle start [template] [minutes] [rounds], /battle enter [text], /battle status, /battle cancel",
            "meme battles", CommandSpec.Who.ANYONE, CommandSpec.SHARED_CHATS, List.of(), List.of(
                    CommandSpec.Subcommand.of("start", "Start a meme battle in this channel",
                            CommandSpec.Param.templateOrRandom(TEMPLATE,
                                    "Template for every round (none = a random one each round)"),
                            minutesParam("Minutes per round (default: the server's)"),
                            roundsParam("How many rounds (default 1)")),
                    CommandSpec.Subcommand.of("enter", "Enter the current round (one entry each; a new one replaces it)",
                            CommandSpec.Param.text(TEXT, "Start of the caption (the AI finishes it), your own text: "
                                    + "top | bottom, or nothing", ChatText.MAX_INPUT_CHARS)),
                    CommandSpec.Subcommand.of("status", "The running battle: round, template, time left"),
                    CommandSpec.Subcommand.of("cancel", "Cancel the running battle (whoever started it, or an admin)")));

    static CommandSpec.Param minutesParam(String description) {
        return CommandSpec.Param.integer(MINUTES, description, 1, BattleSettings.MAX_ROUND_MINUTES);
    }

    static CommandSpec.Param roundsParam(String description) {
        return CommandSpec.Param.integer(ROUNDS, description, 1, BattleSettings.MAX_ROUNDS);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public boolean answersInPublic(CommandInput input) {
        return input.action().equals("start");
    }

    /** As declared, except {@code start drake hotline 5 2}: numbers at the end are minutes, then rounds. */
    @Override
    public CommandInput parse(String args) {
        CommandInput input = ChatCommand.super.parse(args);
        if (!input.action().equals("start")) {
            return input;
        }
        String rest = args.strip().split("\\s+", 2).length > 1 ? args.strip().split("\\s+", 2)[1] : "";
        String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
        int end = words.length;
        Map<String, String> values = new HashMap<>();
        if (end >= 2 && number(words[end - 1]) && number(words[end - 2])) {
            values.put(ROUNDS, words[end - 1]);
            values.put(MINUTES, words[end - 2]);
            end -= 2;
        } else if (end >= 1 && number(words[end - 1])) {
            values.put(MINUTES, words[end - 1]);
            end -= 1;
        }
        values.put(TEMPLATE, String.join(" ", Arrays.copyOfRange(words, 0, end)));
        return CommandInput.of(input.path(), values);
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        return run(origin, null, input);
    }

    /**
     * For adapters whose chats have channels (Discord: the server is the chat): a battle started
     * here posts to {@code channel}; null = the chat itself.
     */
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String channel, CommandInput input) {
        switch (input.action()) {
            case "start":
                return done(start(origin, channel, input));
            case "enter":
                return battles.enter(origin, input.text(TEXT)).thenApply(result -> reply(result, BattleCommand::entered));
            case "status":
                return done(battles.status(origin).map(s -> (ChatReply) new ChatReply.Text(s.text(clock.instant())))
                        .orElse(new ChatReply.Text("No battle is running here — start one with /battle start.")));
            case "cancel":
                return done(reply(battles.cancel(origin), c -> c.message()));
            default:
                return done(new ChatReply.Refused("Usage: " + help()));
        }
    }

    private ChatReply start(ChatOrigin origin, String channel, CommandInput input) {
        String query = input.text(TEMPLATE);
        Optional<MemeTemplate> template = Optional.empty();
        if (!query.isEmpty() && !query.equalsIgnoreCase(MemeCommand.RANDOM)) {
            template = templates.find(origin.chatKey(), query);
            if (template.isEmpty()) {
                return new ChatReply.Refused(templates.unknownMessage(origin.chatKey(), query));
            }
        }
        return reply(battles.start(origin, channel, template, input.integer(MINUTES).orElse(null),
                input.integer(ROUNDS).orElse(null)), RoundStarted::announcement);
    }

    private static String entered(EntryPosted e) {
        return "Your entry for round " + e.entry().round() + " is in" + (e.replaced() ? " (it replaces your earlier one)" : "")
                + ". Good luck!";
    }

    private static boolean number(String word) {
        return word.matches("\\d{1,5}");
    }

    private static <T> ChatReply reply(Outcome<T> result, java.util.function.Function<T, String> text) {
        if (result instanceof Outcome.Ok<T> ok) {
            return new ChatReply.Text(text.apply(ok.value()));
        }
        return new ChatReply.Refused(((Outcome.Refused<T>) result).reason());
    }

    private static CompletableFuture<ChatReply> done(ChatReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
