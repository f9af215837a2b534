package dev.memebattle.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleService;
import dev.memebattle.chat.ChatOrigin;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Tells the battles the display names of the users we see, so results and leaderboards show names
 * rather than ids. Writes only when a name is new or changed: every command and vote passes here.
 */
final class DisplayNames {

    private static final Logger log = LoggerFactory.getLogger(DisplayNames.class);

    private final BattleService battles;
    /** user id → the name last stored; forgotten after a while so renames eventually reach the store. */
    private final Cache<String, String> stored = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(50_000).build();

    DisplayNames(BattleService battles) {
        this.battles = battles;
    }

    /** The server nickname if there is one, else the user's global or user name. */
    static String of(Member member, User user) {
        if (member != null) {
            return member.getEffectiveName();
        }
        return user == null ? null : user.getEffectiveName();
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
            log.warn("Could not store the name of user {}: {}", user.userId(), e.toString());
        }
    }
}
