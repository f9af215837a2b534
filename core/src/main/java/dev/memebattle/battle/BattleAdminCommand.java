package dev.memebattle.battle;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Battle settings for chat admins: {@code on|off}, {@code minutes <n>} (default round length),
 * {@code rounds <n>} (most rounds per battle), {@code starters anyone|admins}; no argument shows
 * them. Reachable as {@code /battleadmin …} and, once wired, as {@code /memeadmin battle …}.
 */
public final class BattleAdminCommand implements ChatCommand {

    private final BattleService battles;

    public BattleAdminCommand(BattleService battles) {
        this.battles = battles;
    }

    public static final String MINUTES = "minutes";
    public static final String ROUNDS = "rounds";
    public static final String WHO = "who";
    private static final CommandSpec SPEC = new CommandSpec("battleadmin", "Meme battle settings (admins)",
            "/battleadmin on|off, minutes <n>, rounds <n>, starters anyone|admins", "battle settings, admins only",
            CommandSpec.Who.CHAT_ADMIN, CommandSpec.SHARED_CHATS, List.of(), List.of(
                    CommandSpec.Subcommand.of("show", "Show the battle settings"),
                    CommandSpec.Subcommand.of("on", "Allow meme battles here"),
                    CommandSpec.Subcommand.of("off", "Turn meme battles off here"),
                    CommandSpec.Subcommand.of(MINUTES, "Default round length",
                            BattleCommand.minutesParam("Minutes per round").asRequired()),
                    CommandSpec.Subcommand.of(ROUNDS, "Most rounds one battle may have",
                            BattleCommand.roundsParam("Rounds").asRequired()),
                    CommandSpec.Subcommand.of("starters", "Who may start a battle",
                            CommandSpec.Param.choice(WHO, "Who may start", "anyone", "admins").asRequired())));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** Also {@code /memeadmin battle …}, whose input arrives here without the "battle". */
    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        return CompletableFuture.completedFuture(decide(origin, input));
    }

    private ChatReply decide(ChatOrigin origin, CommandInput input) {
        switch (input.action()) {
            case "":
            case "show":
                return new ChatReply.Text(describe(battles.settings(origin)));
            case "on":
            case "off":
                BattleSettings s = battles.updateSettings(origin, b -> b.withEnabled(input.action().equals("on")));
                return new ChatReply.Text(s.enabled() ? "Meme battles are on." : "Meme battles are off.");
            case MINUTES:
                Optional<Integer> minutes = input.integer(MINUTES).filter(m -> m >= 1 && m <= BattleSettings.MAX_ROUND_MINUTES);
                if (minutes.isEmpty()) {
                    return usage("minutes <1-" + BattleSettings.MAX_ROUND_MINUTES + ">");
                }
                battles.updateSettings(origin, b -> b.withRoundMinutes(minutes.get()));
                return new ChatReply.Text("Rounds last " + minutes.get() + " min unless /battle start says otherwise.");
            case ROUNDS:
                Optional<Integer> rounds = input.integer(ROUNDS).filter(r -> r >= 1 && r <= BattleSettings.MAX_ROUNDS);
                if (rounds.isEmpty()) {
                    return usage("rounds <1-" + BattleSettings.MAX_ROUNDS + ">");
                }
                battles.updateSettings(origin, b -> b.withMaxRounds(rounds.get()));
                return new ChatReply.Text("A battle can have up to " + rounds.get() + (rounds.get() == 1 ? " round." : " rounds."));
            case "starters":
                String who = input.choice(WHO);
                if (!who.equals("anyone") && !who.equals("admins")) {
                    return usage("starters anyone|admins");
                }
                battles.updateSettings(origin, b -> b.withAdminsOnly(who.equals("admins")));
                return new ChatReply.Text(who.equals("admins") ? "Only admins can start battles." : "Anyone can start a battle.");
            default:
                return usage("on|off, minutes <n>, rounds <n>, starters anyone|admins");
        }
    }

    private static String describe(BattleSettings s) {
        return "Meme battles: " + (s.enabled() ? "on" : "off") + "; started by " + (s.adminsOnly() ? "admins" : "anyone")
                + "; rounds last " + s.roundMinutes() + " min by default; up to " + s.maxRounds() + " rounds.";
    }

    private static ChatReply usage(String usage) {
        return new ChatReply.Refused("Usage: /battleadmin " + usage);
    }
}
