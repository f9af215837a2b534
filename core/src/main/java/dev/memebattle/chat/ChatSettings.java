package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a chat's admins decided.
 *
 * @param allowed         when not empty, only these template keys may be used
 * @param denied          these template keys may not be used
 * @param cooldownSeconds minimum time between two memes of one user in this chat (0 = none)
 * @param saving          who may save the chat's own templates
 */
public record ChatSettings(Set<String> allowed, Set<String> denied, int cooldownSeconds,
                           FilterLevel filter, RerollPolicy reroll, TemplateSaving saving) {

    /** The longest cooldown an admin can set; a claim older than this blocks nothing. */
    public static final int MAX_COOLDOWN_SECONDS = 24 * 3600;

    public static final ChatSettings DEFAULTS = new ChatSettings(Set.of(), Set.of(), 0, FilterLevel.STANDARD,
            RerollPolicy.REQUESTER, TemplateSaving.ADMINS);

    public ChatSettings {
        allowed = Set.copyOf(new TreeSet<>(allowed));
        denied = Set.copyOf(new TreeSet<>(denied));
    }

    public boolean permits(String templateKey) {
        return !denied.contains(templateKey) && (allowed.isEmpty() || allowed.contains(templateKey));
    }

    public ChatSettings allow(String key) {
        Set<String> a = new TreeSet<>(allowed);
        Set<String> d = new TreeSet<>(denied);
        d.remove(key);
        if (!a.isEmpty()) {
            a.add(key); // with an allow-list in force, allowing adds to it; otherwise un-denying is enough
        }
        return new ChatSettings(a, d, cooldownSeconds, filter, reroll, saving);
    }

    /** Restricts the chat to exactly these templates. */
    public ChatSettings allowOnly(Set<String> keys) {
        Set<String> d = new TreeSet<>(denied);
        d.removeAll(keys);
        return new ChatSettings(keys, d, cooldownSeconds, filter, reroll, saving);
    }

    public ChatSettings deny(String key) {
        Set<String> a = new TreeSet<>(allowed);
        Set<String> d = new TreeSet<>(denied);
        a.remove(key);
        d.add(key);
        return new ChatSettings(a, d, cooldownSeconds, filter, reroll, saving);
    }

    public ChatSettings resetTemplates() {
        return new ChatSettings(Set.of(), Set.of(), cooldownSeconds, filter, reroll, saving);
    }

    /** Without any mention of {@code key} (a removed template). */
    public ChatSettings forget(String key) {
        Set<String> a = new TreeSet<>(allowed);
        Set<String> d = new TreeSet<>(denied);
        a.remove(key);
        d.remove(key);
        return new ChatSettings(a, d, cooldownSeconds, filter, reroll, saving);
    }

    /** With an allow-list in force, also {@code key} (a template just saved is there to be used). */
    public ChatSettings alsoAllowing(String key) {
        return allowed.isEmpty() ? this : allow(key);
    }

    public ChatSettings withSaving(TemplateSaving who) {
        return new ChatSettings(allowed, denied, cooldownSeconds, filter, reroll, who);
    }

    public ChatSettings withCooldown(int seconds) {
        return new ChatSettings(allowed, denied, seconds, filter, reroll, saving);
    }

    public ChatSettings withFilter(FilterLevel level) {
        return new ChatSettings(allowed, denied, cooldownSeconds, level, reroll, saving);
    }

    public ChatSettings withReroll(RerollPolicy policy) {
        return new ChatSettings(allowed, denied, cooldownSeconds, filter, policy, saving);
    }
}
