package dev.memebattle.chat;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Posted memes by message, so rerolls work (and survive restarts with the SQL store). */
public interface PostedMemes {

    void remember(PostedMeme meme);

    Optional<PostedMeme> find(String chatKey, String messageId);

    /** Atomically replaces the entry (e.g. counting a reroll); empty when unknown. */
    Optional<PostedMeme> update(String chatKey, String messageId, UnaryOperator<PostedMeme> change);
}
