package dev.memebattle.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.Rerolls;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The memes this process posted on Discord that a 🔁 may reroll: remembered in the core's
 * {@link Rerolls}, each with the interaction hook that posted it (edits go through the hook while
 * it lives, which needs no channel permission).
 */
final class RerollableMemes {

    private static final Logger log = LoggerFactory.getLogger(RerollableMemes.class);
    /** Interaction tokens live 15 minutes; after that an edit goes through the channel instead. */
    private static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);

    private final Rerolls rerolls;
    private final Cache<String, InteractionHook> hooks = Caffeine.newBuilder()
            .expireAfterWrite(HOOK_LIFETIME).maximumSize(20_000).build();

    RerollableMemes(Rerolls rerolls) {
        this.rerolls = rerolls;
    }

    Rerolls rerolls() {
        return rerolls;
    }

    /** The live hook that posted message {@code messageId}, or null. */
    InteractionHook hook(String messageId) {
        InteractionHook hook = hooks.getIfPresent(messageId);
        return hook != null && !hook.isExpired() ? hook : null;
    }

    /** Makes a posted meme rerollable and adds the 🔁 that invites it. */
    CompletableFuture<?> remember(InteractionHook hook, MessageChannel channel, ChatOrigin origin,
                                          ChatReply.Posted posted, Message message) {
        rerolls.posted(origin, message.getId(), posted.request());
        if (hook != null) {
            hooks.put(message.getId(), hook);
        }
        return ServerErrorRetry.submit(() -> channel.addReactionById(message.getId(), Emoji.fromUnicode(Rerolls.EMOJI)))
                .handle((ok, error) -> {
                    if (error != null) {
                        log.warn("Could not add {} to message {}: {}", Rerolls.EMOJI, message.getId(), error.toString());
                    }
                    return null;
                });
    }
}
