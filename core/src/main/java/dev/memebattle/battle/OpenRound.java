package dev.memebattle.battle;

import java.time.Instant;

/**
 * A running battle's current round as stored.
 *
 * @param fixedTemplateKey the template of every round, or null for a random one each round
 */
public record OpenRound(String battleId, BattleChat chat, String starterId, String fixedTemplateKey, int round, int rounds,
                 int minutes, String templateKey, Instant startedAt, Instant deadline) {

    EntryRef entry(String playerId) {
        return new EntryRef(battleId, round, playerId);
    }
}
