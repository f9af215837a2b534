package dev.memebattle.battle;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;

import java.util.Locale;
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

    @Override
    public String name() {
        return "battleadmin";
    }

    @Override
    public String help() {
        return "/battleadmin on|off, minutes <n>, rounds <n>, starters anyone|admins — battle settings, admins only";
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
        return CompletableFuture.completedFuture(decide(origin, args));
    }

    /** Also for {@code /memeadmin battle <args>}. */
    public ChatReply decide(ChatOrigin origin, String args) {
        if (!origin.admin()) {
            return ChatReply.Text.problem("Only the chat's admins can change battle settings.");
        }
        String[] words = args.strip().toLowerCase(Locale.ROOT).split(" ");
        String what = words[0];
        String value = words.length > 1 ? words[1] : "";
        switch (what) {
            case "":
            case "show":
                return ChatReply.Text.info(describe(battles.settings(origin)));
            case "on":
            case "off":
                BattleSettings s = battles.updateSettings(origin, b -> b.withEnabled(what.equals("on")));
                return ChatReply.Text.info(s.enabled() ? "Meme battles are on." : "Meme battles are off.");
            case "minutes":
                if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1
                        || Integer.parseInt(value) > BattleSettings.MAX_ROUND_MINUTES) {
                    return usage("minutes <1-" + BattleSettings.MAX_ROUND_MINUTES + ">");
                }
                int minutes = Integer.parseInt(value);
                battles.updateSettings(origin, b -> b.withRoundMinutes(minutes));
                return ChatReply.Text.info("Rounds last " + minutes + " min unless /battle start says otherwise.");
            case "rounds":
                if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > BattleSettings.MAX_ROUNDS) {
                    return usage("rounds <1-" + BattleSettings.MAX_ROUNDS + ">");
                }
                int rounds = Integer.parseInt(value);
                battles.updateSettings(origin, b -> b.withMaxRounds(rounds));
                return ChatReply.Text.info("A battle can have up to " + rounds + (rounds == 1 ? " round." : " rounds."));
            case "starters":
                if (!value.equals("anyone") && !value.equals("admins")) {
                    return usage("starters anyone|admins");
                }
                battles.updateSettings(origin, b -> b.withAdminsOnly(value.equals("admins")));
                return ChatReply.Text.info(value.equals("admins") ? "Only admins can start battles." : "Anyone can start a battle.");
            default:
                return usage("on|off, minutes <n>, rounds <n>, starters anyone|admins");
        }
    }

    private static String describe(BattleSettings s) {
        return "Meme battles: " + (s.enabled() ? "on" : "off") + "; started by " + (s.adminsOnly() ? "admins" : "anyone")
                + "; rounds last " + s.roundMinutes() + " min by default; up to " + s.maxRounds() + " rounds.";
    }

    private static ChatReply usage(String usage) {
        return ChatReply.Text.problem("Usage: /battleadmin " + usage);
    }
}
