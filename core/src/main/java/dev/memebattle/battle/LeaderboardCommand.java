package dev.memebattle.battle;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** {@code /leaderboard [server|global] [page]}: battle players ranked by points, then wins. */
public final class LeaderboardCommand implements ChatCommand {

    private final BattleService battles;

    public LeaderboardCommand(BattleService battles) {
        this.battles = battles;
    }

    @Override
    public String name() {
        return "leaderboard";
    }

    @Override
    public String help() {
        return "/leaderboard [server|global] [page] — meme battle points and wins";
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
        LeaderboardScope scope = LeaderboardScope.CHAT;
        int page = 1;
        for (String word : args.strip().toLowerCase(Locale.ROOT).split(" ")) {
            switch (word) {
                case "":
                case "server":
                case "chat":
                case "group":
                case "here":
                    break;
                case "global":
                case "all":
                    scope = LeaderboardScope.GLOBAL;
                    break;
                default:
                    if (!word.matches("\\d{1,5}") || Integer.parseInt(word) < 1) {
                        return CompletableFuture.completedFuture(ChatReply.Text.problem("Usage: " + help()));
                    }
                    page = Integer.parseInt(word);
            }
        }
        return CompletableFuture.completedFuture(ChatReply.Text.info(battles.leaderboard(origin, scope, page).text()));
    }
}
