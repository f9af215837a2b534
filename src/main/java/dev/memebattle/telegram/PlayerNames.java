package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleService;
import dev.memebattle.chat.ChatOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;

import java.time.Duration;

/**
 * Tells the battles the names of the Telegram users we see, so entries, results and leaderboards
 * show names rather than ids. Writes only when a name is new or changed.
 */
final class PlayerNames {

    private static final Logger log = LoggerFactory.getLogger(PlayerNames.class);

    private final BattleService battles;
    /** user id → the name last stored; forgotten after a while so renames eventually reach the store. */
    private final Cache<String, String> stored = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(50_000).build();

    PlayerNames(BattleService battles) {
        this.battles = battles;
    }

    /** First and last name as Telegram shows them, else the username; null when there is neither. */
    static String of(User user) {
        if (user == null) {
            return null;
        }
        String first = user.getFirstName() == null ? "" : user.getFirstName().strip();
        String last = user.getLastName() == null ? "" : user.getLastName().strip();
        String full = (first + " " + last).strip();
        return !full.isEmpty() ? full : user.getUserName();
    }

    /** A message sent on behalf of a chat (anonymous admin, linked channel): the chat's title. */
    static String of(Chat chat) {
        return chat == null ? null : chat.getTitle();
    }

    void remember(ChatOrigin user, String name) {
        if (name == null || name.isBlank() || name.equals(stored.getIfPresent(user.userId()))) {
            return;
        }
        try {
            battles.rememberName(user, name);
            stored.put(user.userId(), name);
        } catch (RuntimeException e) {
            // A name is cosmetic: the command or vote goes on without it.
            log.warn("Could not store the name of Telegram user {}: {}", user.userId(), e.toString());
        }
    }
}
