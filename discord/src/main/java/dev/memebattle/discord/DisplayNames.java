package dev.memebattle.discord;

import dev.memebattle.battle.BattleService;
import dev.memebattle.chat.ChatOrigin;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

/**
 * Tells the battles the display names of the users we see, so results and leaderboards show names
 * rather than ids (every command and vote passes here; the core writes only new or changed names).
 */
final class DisplayNames {

    private final BattleService battles;

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
        battles.rememberName(user, name); // the core skips unchanged names and never throws
    }
}
