package dev.memebattle.battle;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /leaderboard [server|global] [page]}: battle players ranked by points, then wins. */
public final class LeaderboardCommand implements ChatCommand {

    public static final String SCOPE = "scope";
    public static final String PAGE = "page";
    public static final String SERVER = "server";
    public static final String GLOBAL = "global";
    private static final CommandSpec SPEC = new CommandSpec("leaderboard", "Meme battle points and wins", "/leaderboard [server|global] [page]",
            "meme battle points and wins", CommandSpec.Who.ANYONE, CommandSpec.SHARED_CHATS,
            List.of(CommandSpec.Param.choice(SCOPE, "This server (default) or every server", SERVER, GLOBAL),
                    CommandSpec.Param.integer(PAGE, "Page number", 1, 1000)),
            List.of());

    private final BattleService battles;

    public LeaderboardCommand(BattleService battles) {
        this.battles = battles;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public boolean answersInPublic(CommandInput input) {
        return true;
    }

    /** Words in any order: a scope (server, chat, group, here; global, all) and a page number. */
    @Override
    public CommandInput parse(String args) {
        Map<String, String> values = new HashMap<>();
        for (String word : args.strip().toLowerCase(Locale.ROOT).split(" ")) {
            switch (word) {
                case "", "server", "chat", "group", "here" -> values.putIfAbsent(SCOPE, SERVER);
                case "global", "all" -> values.put(SCOPE, GLOBAL);
                default -> values.put(PAGE, word); // not a number: run() answers with the usage
            }
        }
        return CommandInput.of(List.of(), values);
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        String scopeName = input.choice(SCOPE).isEmpty() ? SERVER : input.choice(SCOPE);
        if (!scopeName.equals(SERVER) && !scopeName.equals(GLOBAL)
                || input.notInteger(PAGE) || input.integer(PAGE).orElse(1) < 1) {
            return CompletableFuture.completedFuture(new ChatReply.Refused("Usage: " + help()));
        }
        LeaderboardScope scope = scopeName.equals(GLOBAL) ? LeaderboardScope.GLOBAL : LeaderboardScope.CHAT;
        LeaderboardPage board = battles.leaderboard(origin, scope, input.integer(PAGE).orElse(1));
        // no neighbours to offer on an empty board
        int page = board.rows().isEmpty() ? 1 : board.page();
        int pages = board.rows().isEmpty() ? 1 : board.pages();
        return CompletableFuture.completedFuture(new ChatReply.Page(board.text(), page, pages, name(), scopeName));
    }
}
