package dev.memebattle.chat;

import java.util.function.UnaryOperator;

/** Per-chat settings. In memory for now; the persistence issue backs it with a database. */
public interface ChatSettingsStore {

    /** @param chatKey {@link ChatOrigin#chatKey()} */
    ChatSettings get(String chatKey);

    /** Atomically applies {@code change} and returns the new settings. */
    ChatSettings update(String chatKey, UnaryOperator<ChatSettings> change);
}
