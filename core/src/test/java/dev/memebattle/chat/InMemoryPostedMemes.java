package dev.memebattle.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** The most recent posted memes (older ones simply cannot be rerolled any more). */
public final class InMemoryPostedMemes implements PostedMemes {

    private final Cache<String, PostedMeme> memes;

    public InMemoryPostedMemes(int capacity) {
        this.memes = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    @Override
    public void remember(PostedMeme meme) {
        memes.put(key(meme.chatKey(), meme.messageId()), meme);
    }

    @Override
    public Optional<PostedMeme> find(String chatKey, String messageId) {
        return Optional.ofNullable(memes.getIfPresent(key(chatKey, messageId)));
    }

    @Override
    public Optional<PostedMeme> update(String chatKey, String messageId, UnaryOperator<PostedMeme> change) {
        return Optional.ofNullable(memes.asMap().computeIfPresent(key(chatKey, messageId), (k, old) -> change.apply(old)));
    }

    private static String key(String chatKey, String messageId) {
        return chatKey + "/" + messageId;
    }
}
