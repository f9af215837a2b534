package dev.memebattle.battle;

/**
 * One entry's result in a closed round.
 *
 * @param place  1 = best; equal votes share a place
 * @param votes  votes from other players that arrived before the deadline
 * @param points what the leaderboard adds: one per vote, plus {@link BattleService#WIN_BONUS} for a win
 * @param winner first place with at least one vote (ties all win)
 */
public record Placing(int place, String playerId, String playerName, int votes, int points, boolean winner,
                      String caption) {
}
