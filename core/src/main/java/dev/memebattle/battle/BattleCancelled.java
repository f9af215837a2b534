package dev.memebattle.battle;

/** A running battle was cancelled (its open round counts for nothing). */
public record BattleCancelled(BattleChat chat, String battleId, String byUserId, String byName) {

    public String message() {
        return dev.memebattle.chat.ChatText.mentionSafe("The meme battle was cancelled by " + byName + ".");
    }
}
