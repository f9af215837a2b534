package dev.memebattle.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Settings that live as long as the process: for tests of the chat rules without a database. */
public final class InMemoryChatSettingsStore implements ChatSettingsStore {

    private final ConcurrentHashMap<String, ChatSettings> settings = new ConcurrentHashMap<>();

    @Override
    public ChatSettings get(String chatKey) {
        return settings.getOrDefault(chatKey, ChatSettings.DEFAULTS);
    }

    @Override
    public ChatSettings update(String chatKey, UnaryOperator<ChatSettings> change) {
        return settings.compute(chatKey, (k, old) -> change.apply(old == null ? ChatSettings.DEFAULTS : old));
    }
}
