package dev.memebattle.battle;

import dev.memebattle.chat.ChatText;

import java.util.List;

/** One page of a leaderboard, ranked by points, then wins. */
public record LeaderboardPage(LeaderboardScope scope, int page, int pages, List<Row> rows) {

    public static final int PAGE_SIZE = 10;

    public LeaderboardPage {
        rows = List.copyOf(rows);
    }

    /** @param rounds closed rounds the player had an entry in */
    public record Row(int rank, String platform, String playerId, String name, long points, long wins, long rounds) {
    }

    public String text() {
        String title = scope == LeaderboardScope.GLOBAL ? "🏆 Global leaderboard" : "🏆 Leaderboard";
        if (rows.isEmpty()) {
            return page > 1 && pages > 0 ? title + ": there are only " + pages + " pages."
                    : title + ": no battles finished yet — start one with /battle start.";
        }
        StringBuilder text = new StringBuilder(title).append(" (page ").append(page).append('/').append(pages).append(")");
        for (Row r : rows) {
            text.append('\n').append(r.rank()).append(". ").append(r.name()).append(" — ")
                    .append(r.points()).append(r.points() == 1 ? " point, " : " points, ")
                    .append(r.wins()).append(r.wins() == 1 ? " win" : " wins")
                    .append(" (").append(r.rounds()).append(r.rounds() == 1 ? " round)" : " rounds)");
        }
        if (page < pages) {
            text.append("\nMore: /leaderboard ").append(scope == LeaderboardScope.GLOBAL ? "global " : "").append(page + 1);
        }
        return ChatText.mentionSafe(text.toString());
    }
}
