package dev.memebattle.chat;

import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The per-chat rules every meme goes through, whichever command or reaction asked for it:
 * allowed templates and cooldowns. Autocomplete uses {@link #permits} to hide denied templates.
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

    /** A refusal message when this template is not allowed here. */
    public Optional<String> templateRefusal(ChatOrigin origin, MemeTemplate template) {
        return permits(origin, template) ? Optional.empty()
                : Optional.of("The template \"" + template.name() + "\" is turned off in this chat by its admins.");
    }

    /**
     * Claims the user's next meme slot: empty when allowed (and the cooldown starts now), else a
     * message saying how long to wait. Admins are not rate-limited in their own chat.
     */
    public Optional<String> claimCooldown(ChatOrigin origin) {
        int cooldown = settings(origin).cooldownSeconds();
        if (cooldown <= 0 || origin.admin()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> runningUntil = cooldowns.claim(origin.chatKey(), origin.userId(), now,
                Duration.ofSeconds(cooldown));
        if (runningUntil.isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, runningUntil.get());
        long wait = Math.max(1, left.toSeconds() + (left.toMillisPart() > 0 ? 1 : 0));
        return Optional.of("Slow down — you can make another meme here in " + wait + " s.");
    }
}
