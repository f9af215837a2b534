package dev.memebattle.battle;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.util.Locale;
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

    @Override
    public String name() {
        return "battle";
    }

    @Override
    public String help() {
        return "/battle start [template] [minutes] [rounds], /battle enter [text], /battle status, /battle cancel — meme battles";
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
        return run(origin, null, args);
    }

    /**
     * For adapters whose chats have channels (Discord: the server is the chat): a battle started
     * here posts to {@code channel}; null = the chat itself.
     */
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String channel, String args) {
        String trimmed = args.strip();
        int space = trimmed.indexOf(' ');
        String action = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (action) {
            case "start":
                return done(start(origin, channel, rest));
            case "enter":
                return battles.enter(origin, rest).thenApply(result -> reply(result, BattleCommand::entered));
            case "status":
                return done(battles.status(origin).map(s -> (ChatReply) ChatReply.Text.info(s.text(clock.instant())))
                        .orElse(ChatReply.Text.info("No battle is running here — start one with /battle start.")));
            case "cancel":
                return done(reply(battles.cancel(origin), c -> c.message()));
            default:
                return done(ChatReply.Text.problem("Usage: " + help()));
        }
    }

    private ChatReply start(ChatOrigin origin, String channel, String args) {
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        int end = words.length;
        Integer minutes = null;
        Integer rounds = null;
        if (end >= 2 && number(words[end - 1]) && number(words[end - 2])) {
            rounds = Integer.parseInt(words[end - 1]);
            minutes = Integer.parseInt(words[end - 2]);
            end -= 2;
        } else if (end >= 1 && number(words[end - 1])) {
            minutes = Integer.parseInt(words[end - 1]);
            end -= 1;
        }
        String query = String.join(" ", java.util.Arrays.copyOfRange(words, 0, end)).strip();
        Optional<MemeTemplate> template = Optional.empty();
        if (!query.isEmpty() && !query.equalsIgnoreCase("random")) {
            template = templates.find(query);
            if (template.isEmpty()) {
                return ChatReply.Text.problem(templates.unknownMessage(query));
            }
        }
        return reply(battles.start(origin, channel, template, minutes, rounds), RoundStarted::announcement);
    }

    private static String entered(EntryPosted e) {
        return "Your entry for round " + e.entry().round() + " is in" + (e.replaced() ? " (it replaces your earlier one)" : "")
                + ". Good luck!";
    }

    private static boolean number(String word) {
        return word.matches("\\d{1,5}");
    }

    private static <T> ChatReply reply(BattleResult<T> result, java.util.function.Function<T, String> text) {
        if (result instanceof BattleResult.Ok<T> ok) {
            return ChatReply.Text.info(text.apply(ok.value()));
        }
        return ChatReply.Text.problem(((BattleResult.Refused<T>) result).reason());
    }

    private static CompletableFuture<ChatReply> done(ChatReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
