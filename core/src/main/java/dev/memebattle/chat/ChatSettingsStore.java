package dev.memebattle.chat;

import java.util.function.UnaryOperator;

/** Per-chat settings (the bot uses the SQL store; tests may keep them in memory). */
public interface ChatSettingsStore {

    /** @param chatKey {@link ChatOrigin#chatKey()} */
    ChatSettings get(String chatKey);

    /** Atomically applies {@code change} and returns the new settings. */
    ChatSettings update(String chatKey, UnaryOperator<ChatSettings> change);
}
