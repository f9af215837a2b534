package dev.memebattle.battle;

import java.util.Set;

/**
 * An entry of an open round as its adapter posted it, with who has voted for it so far: what an
 * adapter compares with the platform's own record of reactions after it may have missed some.
 */
public record PostedEntry(EntryRef entry, BattleChat chat, String messageId, Set<String> voterIds) {

    public PostedEntry {
        voterIds = Set.copyOf(voterIds);
    }
}
