package dev.memebattle.battle;

import dev.memebattle.chat.ChatText;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;

import java.time.Instant;

/**
 * A player's entry, rendered. {@code replaced}: it replaces the player's earlier entry in this
 * round (whose votes no longer count, and whose message adapters may delete).
 */
public record EntryPosted(BattleChat chat, EntryRef entry, String playerName, Meme meme, MemeRequest request,
                          Instant deadline, boolean replaced) {

    /** The line to post with the image. */
    public String caption() {
        return ChatText.mentionSafe("Round " + entry.round() + " entry by " + playerName + ": " + meme.caption()
                + " — vote 👍");
    }
}
