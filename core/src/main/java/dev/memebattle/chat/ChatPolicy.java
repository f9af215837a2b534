package dev.memebattle.chat;

import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The per-chat rules every meme goes through, whichever command or reaction asked for it:
 * allowed templates, text that fits, cooldowns and the filter level ({@link #request}). Autocomplete uses {@link #permits} to hide denied templates.
 */
public final class ChatPolicy {

    private final ChatSettingsStore settings;
    private final MemeCooldowns cooldowns;
    private final Clock clock;

    public ChatPolicy(ChatSettingsStore settings, MemeCooldowns cooldowns, Clock clock) {
        this.settings = settings;
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    public ChatSettings settings(ChatOrigin origin) {
        return settings.get(origin.chatKey());
    }

    public boolean permits(ChatOrigin origin, MemeTemplate template) {
        return settings(origin).permits(template.key());
    }

    /**
     * A random template this chat allows, preferring those the caption model was trained on (their
     * AI captions are the best); empty when the chat allows none.
     */
    public Optional<MemeTemplate> randomTemplate(ChatOrigin origin, List<MemeTemplate> from, RandomGenerator random) {
        List<MemeTemplate> allowed = from.stream().filter(t -> permits(origin, t)).toList();
        List<MemeTemplate> trained = allowed.stream().filter(MemeTemplate::aiCapable).toList();
        List<MemeTemplate> pool = trained.isEmpty() ? allowed : trained;
        return pool.isEmpty() ? Optional.empty() : Optional.of(pool.get(random.nextInt(pool.size())));
    }

    /** The template, if this chat allows it. */
    public Outcome<MemeTemplate> template(ChatOrigin origin, MemeTemplate template) {
        return permits(origin, template) ? Outcome.ok(template)
                : Outcome.refused("The template \"" + template.name() + "\" is turned off in this chat by its admins.");
    }

    /**
     * The one rule set for a meme from a user's text, whichever command asked (/meme, /battle enter):
     * the template is allowed here, the text is not too long and fits the template's boxes, and the
     * user's cooldown allows another meme (which claims it); the chat's filter level comes along.
     * Text with "|" is the user's own per box, other text starts the AI's caption, none lets the AI
     * write it all. The text must already be {@link ChatText#clean cleaned}.
     */
    public Outcome<MemeRequest> request(ChatOrigin origin, MemeTemplate template, String text, long seed) {
        Outcome<MemeTemplate> allowed = template(origin, template);
        if (allowed instanceof Outcome.Refused<MemeTemplate> refused) {
            return refused.refusedAs();
        }
        if (text.length() > ChatText.MAX_INPUT_CHARS) {
            return Outcome.refused("That's too much text — keep it under " + ChatText.MAX_INPUT_CHARS + " characters.");
        }
        Outcome<MemeText> fitted = fit(template, MemeText.parse(text));
        if (fitted instanceof Outcome.Refused<MemeText> refused) {
            return refused.refusedAs();
        }
        MemeText memeText = ((Outcome.Ok<MemeText>) fitted).value();
        Outcome<Instant> slot = claimCooldown(origin);
        if (slot instanceof Outcome.Refused<Instant> wait) {
            return wait.refusedAs();
        }
        return Outcome.ok(new MemeRequest(template, memeText, seed, ImageFormat.JPEG, settings(origin).filter()));
    }

    /**
     * The text as it goes on {@code template}, whoever asks (chat, {@code generate}): a "|" at the end
     * marks the text as the user's own ("tabs are better |" on a one-box template), own text with
     * every box blank lets the AI write it, and more texts than boxes are refused.
     */
    public static Outcome<MemeText> fit(MemeTemplate template, MemeText text) {
        if (!(text instanceof MemeText.Own own)) {
            return Outcome.ok(text);
        }
        List<String> given = new ArrayList<>(own.boxes());
        while (given.size() > 1 && given.get(given.size() - 1).isBlank()) {
            given.remove(given.size() - 1);
        }
        if (given.stream().allMatch(String::isBlank)) {
            return Outcome.ok(new MemeText.Ai(""));
        }
        int boxes = template.boxes().size();
        if (given.size() > boxes) {
            return Outcome.refused("\"" + template.name() + "\" has " + boxes + " text box"
                    + (boxes == 1 ? "" : "es") + ", you gave " + given.size()
                    + ". Separate at most " + boxes + " texts with |.");
        }
        return Outcome.ok(new MemeText.Own(given));
    }

    /** The same meme again with a new seed (a reroll), under the chat's rules as they are now. */
    public Outcome<MemeRequest> again(ChatOrigin origin, MemeRequest previous, long seed) {
        Outcome<MemeTemplate> allowed = template(origin, previous.template());
        if (allowed instanceof Outcome.Refused<MemeTemplate> refused) {
            return refused.refusedAs();
        }
        Outcome<Instant> slot = claimCooldown(origin);
        if (slot instanceof Outcome.Refused<Instant> wait) {
            return wait.refusedAs();
        }
        return Outcome.ok(new MemeRequest(previous.template(), previous.text(), seed, previous.format(),
                settings(origin).filter()));
    }

    /**
     * Claims the user's next meme slot, so the cooldown starts now; refused with how long to wait.
     * Admins are not rate-limited in their own chat.
     */
    private Outcome<Instant> claimCooldown(ChatOrigin origin) {
        int cooldown = settings(origin).cooldownSeconds();
        Instant now = clock.instant();
        if (cooldown <= 0 || origin.admin()) {
            return Outcome.ok(now);
        }
        Optional<Instant> runningUntil = cooldowns.claim(origin.chatKey(), origin.userId(), now,
                Duration.ofSeconds(cooldown));
        if (runningUntil.isEmpty()) {
            return Outcome.ok(now);
        }
        Duration left = Duration.between(now, runningUntil.get());
        long wait = Math.max(1, left.toSeconds() + (left.toMillisPart() > 0 ? 1 : 0));
        return Outcome.refused("Slow down — you can make another meme here in " + wait + " s.");
    }
}
