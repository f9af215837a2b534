package dev.memebattle.battle;

import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.ChatText;
import dev.memebattle.template.MemeTemplate;

import java.time.Duration;
import java.time.Instant;

/** A round is open: players enter memes on {@code template} until {@code deadline}. */
public record RoundStarted(BattleChat chat, String battleId, int round, int rounds, MemeTemplate template,
                           Instant startedAt, Instant deadline, String starterId) {

    public String announcement() {
        long minutes = Math.max(1, Duration.between(startedAt, deadline).toMinutes());
        return ChatText.mentionSafe("⚔️ Meme battle — round " + round + " of " + rounds + ": \"" + template.name()
                + "\" (" + TemplateResolver.handle(template) + ", " + template.boxes().size() + (template.boxes().size() == 1 ? " box" : " boxes")
                + ").\nEnter with /battle enter [text] — text with | is your own caption, without it the AI finishes "
                + "your start, no text lets the AI write it all. Vote 👍 for the entries you like (not your own). "
                + "Voting closes in " + minutes + " min.");
    }
}
