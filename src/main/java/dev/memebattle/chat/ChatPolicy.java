package dev.memebattle.chat;

import dev.memebattle.template.MemeTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The per-chat rules every meme goes through, whichever command or reaction asked for it:
 * allowed templates and cooldowns. Autocomplete uses {@link #permits} to hide denied templates.
 */
public final class ChatPolicy {

    private final ChatSettingsStore settings;
    private final Clock clock;
    /** Last meme time per chat and user; entries older than any cooldown are harmless. */
    private final ConcurrentHashMap<String, Instant> lastMeme = new ConcurrentHashMap<>();

    public ChatPolicy(ChatSettingsStore settings, Clock clock) {
        this.settings = settings;
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
        String key = origin.chatKey() + "/" + origin.userId();
        Instant[] refusedUntil = new Instant[1];
        lastMeme.compute(key, (k, last) -> {
            if (last != null && last.plusSeconds(cooldown).isAfter(now)) {
                refusedUntil[0] = last.plusSeconds(cooldown);
                return last;
            }
            return now;
        });
        if (refusedUntil[0] == null) {
            return Optional.empty();
        }
        long wait = Math.max(1, Duration.between(now, refusedUntil[0]).toSeconds()
                + (Duration.between(now, refusedUntil[0]).toMillisPart() > 0 ? 1 : 0));
        return Optional.of("Slow down — you can make another meme here in " + wait + " s.");
    }
}
