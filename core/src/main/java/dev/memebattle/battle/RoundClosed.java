package dev.memebattle.battle;

import dev.memebattle.chat.ChatText;
import dev.memebattle.engine.Meme;
import dev.memebattle.template.MemeTemplate;

import java.util.List;
import java.util.Optional;

/**
 * A round's results. {@code winnerMeme} is the (first) winner's entry, rendered again for posting;
 * empty when nobody won (no entries or no votes) or it could not be rendered.
 *
 * @param battleOver no further round follows (the last one, or nobody entered)
 */
public record RoundClosed(BattleChat chat, String battleId, int round, int rounds, MemeTemplate template,
                          List<Placing> ranking, Optional<Meme> winnerMeme, boolean battleOver) {

    /** Placings listed in the summary; the rest are counted, so a big round fits one message. */
    static final int LISTED = 10;

    public RoundClosed {
        ranking = List.copyOf(ranking);
    }

    public List<Placing> winners() {
        return ranking.stream().filter(Placing::winner).toList();
    }

    public String summary() {
        StringBuilder text = new StringBuilder("🏁 Round " + round + " of " + rounds + " (\"" + template.name() + "\") is over");
        if (ranking.isEmpty()) {
            text.append(" — nobody entered").append(battleOver ? ", so the battle ends." : ".");
            return text.toString();
        }
        List<Placing> winners = winners();
        if (winners.isEmpty()) {
            text.append(" — no votes, no winner.");
        } else {
            text.append(" — winner").append(winners.size() > 1 ? "s: " : ": ")
                    .append(String.join(", ", winners.stream().map(Placing::playerName).toList()))
                    .append(" with ").append(winners.get(0).votes()).append(winners.get(0).votes() == 1 ? " vote!" : " votes!");
        }
        for (Placing p : ranking.subList(0, Math.min(LISTED, ranking.size()))) {
            text.append("\n").append(p.place()).append(". ").append(p.playerName()).append(" — ")
                    .append(p.votes()).append(p.votes() == 1 ? " vote, " : " votes, ")
                    .append(p.points()).append(p.points() == 1 ? " point" : " points");
        }
        if (ranking.size() > LISTED) {
            int more = ranking.size() - LISTED;
            text.append("\n…and ").append(more).append(more == 1 ? " more entry." : " more entries.");
        }
        if (battleOver) {
            text.append("\nThe battle is over — see /leaderboard.");
        }
        return ChatText.mentionSafe(text.toString());
    }
}
