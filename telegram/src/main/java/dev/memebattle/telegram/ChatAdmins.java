package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Who administers a chat, asked from Telegram (getChatAdministrators, one call per chat) and
 * trusted for a short while. Never from anything a user typed. In a private chat the user is the
 * admin of their own chat; an anonymous group admin posts as the group itself, which only admins
 * can do.
 */
final class ChatAdmins {

    private static final Logger log = LoggerFactory.getLogger(ChatAdmins.class);

    private final BotApi api;
    /** Failed lookups are not cached (Caffeine drops failed futures), so the next command asks again. */
    private final AsyncCache<Long, Set<Long>> admins;

    ChatAdmins(BotApi api, Duration ttl) {
        this.api = api;
        this.admins = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(50_000).buildAsync();
    }

    /**
     * @param senderChatId the chat a message was sent on behalf of (anonymous admins), or null
     * @return whether the user may administer the chat; empty when Telegram could not tell us
     */
    CompletableFuture<Optional<Boolean>> isAdmin(TelegramChat chat, long userId, Long senderChatId) {
        if (chat.privateChat()) {
            return CompletableFuture.completedFuture(Optional.of(true));
        }
        if (senderChatId != null && senderChatId == chat.id()) {
            return CompletableFuture.completedFuture(Optional.of(true));
        }
        return admins.get(chat.id(), (id, executor) -> fetch(id))
                .thenApply(ids -> Optional.of(ids.contains(userId)))
                .exceptionally(error -> {
                    log.warn("Could not get the administrators of chat {}: {}", chat.id(), SendQueue.unwrap(error).toString());
                    return Optional.empty();
                });
    }

    /** What we already know, without asking Telegram (cooldown exemptions for rerolls and memes). */
    boolean knownAdmin(TelegramChat chat, long userId) {
        if (chat.privateChat()) {
            return true;
        }
        CompletableFuture<Set<Long>> known = admins.getIfPresent(chat.id());
        return known != null && known.isDone() && !known.isCompletedExceptionally() && known.join().contains(userId);
    }

    private CompletableFuture<Set<Long>> fetch(long chatId) {
        return api.direct("getChatAdministrators",
                () -> api.call(new GetChatAdministrators(Long.toString(chatId))))
                .thenApply(ChatAdmins::userIds);
    }

    private static Set<Long> userIds(List<ChatMember> members) {
        return members.stream()
                .filter(m -> "creator".equals(m.getStatus()) || "administrator".equals(m.getStatus()))
                .filter(m -> m.getUser() != null && m.getUser().getId() != null)
                .map(m -> m.getUser().getId())
                .collect(Collectors.toUnmodifiableSet());
    }
}
