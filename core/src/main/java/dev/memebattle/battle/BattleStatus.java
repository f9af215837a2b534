package dev.memebattle.battle;

import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.ChatText;
import dev.memebattle.template.MemeTemplate;

import java.time.Duration;
import java.time.Instant;

/** The running battle of a chat, for {@code /battle status}. Vote counts stay hidden until the round closes. */
public record BattleStatus(BattleChat chat, String battleId, String starterName, int round, int rounds,
                           MemeTemplate template, Instant deadline, int entries, int votes) {

    public String text(Instant now) {
        Duration left = Duration.between(now, deadline);
        String when = left.isNegative() || left.isZero() ? "closing now"
                : "closes in " + (left.toMinutes() > 0 ? left.toMinutes() + " min " : "") + left.toSecondsPart() + " s";
        return ChatText.mentionSafe("⚔️ Battle by " + starterName + " — round " + round + " of " + rounds + ": \""
                + template.name() + "\" (" + TemplateResolver.handle(template) + "). " + entries + (entries == 1 ? " entry, " : " entries, ")
                + votes + (votes == 1 ? " vote" : " votes") + " so far; voting " + when + ".");
    }
}
