package dev.memebattle.chat;

import dev.memebattle.engine.MemeRequest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 🔁 on a posted meme: the same template and text with a new seed. Adapters report what they
 * posted ({@link #posted}) and the reactions they see ({@link #reroll}); this class decides.
 */
public final class Rerolls {

    /** The emoji users react with. */
    public static final String EMOJI = "🔁";

    private final PostedMemes posted;
    private final ChatPolicy policy;
    private final MemeCommand memes;
    private final int limit;

    /** @param limit rerolls allowed per posted meme */
    public Rerolls(PostedMemes posted, ChatPolicy policy, MemeCommand memes, int limit) {
        this.posted = posted;
        this.policy = policy;
        this.memes = memes;
        this.limit = limit;
    }

    /** Remembers a meme the adapter posted as {@code messageId}, so it can be rerolled. */
    public void posted(ChatOrigin requester, String messageId, MemeRequest request) {
        posted.remember(new PostedMeme(requester.chatKey(), messageId, requester.userId(), request, 0));
    }

    /** The answer to a 🔁 from someone else where only the requester may reroll (every face says the same). */
    public static final String NOT_YOURS = "Only the person who asked for this meme can reroll it here.";

    /**
     * @param reactor who reacted (or pressed the button)
     * @return empty when the reaction is to be ignored (not a meme this bot remembers);
     *         else the reply: a new meme to show in place of the old one, or a short refusal
     */
    public CompletableFuture<Optional<ChatReply>> reroll(ChatOrigin reactor, String messageId) {
        Optional<PostedMeme> found = posted.find(reactor.chatKey(), messageId);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        PostedMeme meme = found.get();
        ChatSettings settings = policy.settings(reactor);
        if (settings.reroll() == RerollPolicy.REQUESTER && !meme.requesterId().equals(reactor.userId())) {
            return refuse(NOT_YOURS);
        }
        Outcome<MemeRequest> again = policy.again(reactor, meme.request(), memes.nextSeed());
        if (again instanceof Outcome.Refused<MemeRequest> refused) {
            return refuse(refused.reason());
        }
        MemeRequest next = ((Outcome.Ok<MemeRequest>) again).value();
        AtomicReference<PostedMeme> before = new AtomicReference<>();
        posted.update(reactor.chatKey(), messageId, old -> {
            if (old.rerolls() >= limit) {
                return old;
            }
            before.set(old);
            return old.rerolled(next);
        });
        if (before.get() == null) {
            return refuse("This meme was rerolled " + limit + " times already — make a new one with /meme.");
        }
        return memes.submit(next).thenApply(reply -> {
            if (!(reply instanceof ChatReply.Posted)) {
                // nothing was shown: give the reroll back
                posted.update(reactor.chatKey(), messageId, current -> current.request().equals(next) ? before.get() : current);
            }
            return Optional.of(reply);
        });
    }

    private static CompletableFuture<Optional<ChatReply>> refuse(String message) {
        return CompletableFuture.completedFuture(Optional.of(new ChatReply.Refused(message)));
    }
}
