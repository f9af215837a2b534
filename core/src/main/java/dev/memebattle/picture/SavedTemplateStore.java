package dev.memebattle.picture;

import java.util.List;
import java.util.Optional;

/**
 * Where chats' own templates and their pictures are kept: the bot's database, so every process
 * that shares it sees the same templates. Each change is one transaction: a template is saved
 * with its picture or not at all, and removing it removes its picture.
 */
public interface SavedTemplateStore {

    /** A chat's templates, by name. */
    List<SavedTemplate> list(String chatKey);

    /** Any chat's template by its key (posted memes and battles refer to templates by key). */
    Optional<SavedTemplate> byKey(String key);

    /** The stored picture of a template; empty once it was removed. */
    Optional<byte[]> picture(String key);

    /** Saves {@code template} with {@code picture} if the name is free and the chat stays within {@code quota}. */
    Change add(SavedTemplate template, byte[] picture, Quota quota);

    Change rename(String chatKey, String name, String newName);

    /** Removes the template and its picture. */
    Change remove(String chatKey, String name);

    /** How many templates, and how many bytes of pictures, one chat may keep. */
    record Quota(int maxCount, long maxBytes) {
    }

    /** What came of a change. */
    sealed interface Change {
    }

    /** @param template the template as it is now (for a removal: as it was) */
    record Done(SavedTemplate template) implements Change {
    }

    record NameTaken(String name) implements Change {
    }

    /** @param count templates the chat has; {@code bytes} their pictures' size */
    record QuotaFull(int count, long bytes) implements Change {
    }

    record NotFound(String name) implements Change {
    }

    /** No database (the command line's {@code generate}): no chat has templates of its own. */
    SavedTemplateStore NONE = new SavedTemplateStore() {
        @Override
        public List<SavedTemplate> list(String chatKey) {
            return List.of();
        }

        @Override
        public Optional<SavedTemplate> byKey(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> picture(String key) {
            return Optional.empty();
        }

        @Override
        public Change add(SavedTemplate template, byte[] picture, Quota quota) {
            return new QuotaFull(0, 0);
        }

        @Override
        public Change rename(String chatKey, String name, String newName) {
            return new NotFound(name);
        }

        @Override
        public Change remove(String chatKey, String name) {
            return new NotFound(name);
        }
    };
}
