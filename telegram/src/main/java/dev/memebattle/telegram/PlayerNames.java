package dev.memebattle.telegram;

import dev.memebattle.battle.BattleService;
import dev.memebattle.chat.ChatOrigin;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;


/**
 * Tells the battles the names of the Telegram users we see, so entries, results and leaderboards
 * show names rather than ids. Writes only when a name is new or changed.
 */
final class PlayerNames {

    private final BattleService battles;

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
        battles.rememberName(user, name); // the core skips unchanged names and never throws
    }
}
