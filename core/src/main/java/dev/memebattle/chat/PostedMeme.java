package dev.memebattle.chat;

import dev.memebattle.engine.MemeRequest;

/**
 * A meme the bot posted, remembered so a reaction on it can reroll it.
 *
 * @param messageId the platform's id of the message that shows the meme
 * @param rerolls   how many times it was rerolled so far
 */
public record PostedMeme(String chatKey, String messageId, String requesterId, MemeRequest request, int rerolls) {

    public PostedMeme rerolled(MemeRequest next) {
        return new PostedMeme(chatKey, messageId, requesterId, next, rerolls + 1);
    }
}
