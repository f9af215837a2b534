package dev.memebattle.template;

import java.util.Optional;

/**
 * Templates by key: how stored requests (posted memes, battle entries) find their template again,
 * whether it ships with the bot or a chat saved it.
 */
@FunctionalInterface
public interface TemplateKeys {

    /** Empty when no such template exists (any more). */
    Optional<MemeTemplate> byKey(String key);
}
