package dev.memebattle.telegram;

import dev.memebattle.battle.VoteLanes;
import dev.memebattle.chat.Outcome;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.EntryRef;
import dev.memebattle.chat.ChatOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.reactions.MessageReactionUpdated;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionType;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Battle votes: a press of an entry's vote button (its callback data names the entry, so buttons
 * keep working after a restart) and 👍 reactions on an entry (taking the 👍 off takes the vote
 * back; Telegram only sends reactions to bots that are admins of the group). The core stores each
 * vote and refuses self-votes and votes after the deadline. Every press is answered with a short
 * text; a reaction gets no answer (there is nowhere private to put one).
 *
 * <p>Runs on the {@link VoteLanes}: each vote is a database transaction, done here synchronously.
 */
final class BattleVotes {

    private static final Logger log = LoggerFactory.getLogger(BattleVotes.class);

    static final String COUNTED = "Vote counted";
    static final String ALREADY = "You already voted for this meme";
    static final String OWN = "You can't vote for your own meme";
    static final String UNKNOWN = "This vote button doesn't work any more.";
    static final String FAILED = "That didn't work — please try again.";

    private final BattleService battles;
    private final BattlePosts posts;
    private final PlayerNames names;
    private final BotApi api;

    BattleVotes(BattleService battles, BattlePosts posts, PlayerNames names, BotApi api) {
        this.battles = battles;
        this.posts = posts;
        this.names = names;
        this.api = api;
    }

    /** Whether the update is a vote (button or 👍 added/removed), and so goes to the voter's lane. */
    static boolean isVote(Update update) {
        if (update.hasCallbackQuery()) {
            String data = update.getCallbackQuery().getData();
            return data != null && data.startsWith(BattlePosts.VOTE_DATA);
        }
        if (update.hasMessageReaction()) {
            MessageReactionUpdated r = update.getMessageReaction();
            return thumbsUp(r.getOldReaction()) != thumbsUp(r.getNewReaction());
        }
        return false;
    }

    /** The user whose lane a vote goes to (0 when anonymous: those are ignored anyway). */
    static long voter(Update update) {
        if (update.hasCallbackQuery() && update.getCallbackQuery().getFrom() != null) {
            return update.getCallbackQuery().getFrom().getId();
        }
        if (update.hasMessageReaction() && update.getMessageReaction().getUser() != null) {
            return update.getMessageReaction().getUser().getId();
        }
        return 0;
    }

    /** @return done when the press was answered */
    CompletableFuture<Void> button(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        String data = query.getData();
        Optional<EntryRef> entry = data == null || !data.startsWith(BattlePosts.VOTE_DATA) ? Optional.empty()
                : EntryRef.parse(data.substring(BattlePosts.VOTE_DATA.length()));
        if (entry.isEmpty() || message == null || message.getChat() == null || query.getFrom() == null) {
            return api.answerCallback(query, UNKNOWN);
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        ChatOrigin voter = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(query.getFrom().getId()));
        if (entry.get().playerId().equals(voter.userId())) {
            return api.answerCallback(query, OWN);
        }
        String text;
        try {
            names.remember(voter, PlayerNames.of(query.getFrom()));
            Outcome<BattleService.Vote> result = battles.vote(voter, entry.get());
            if (result instanceof Outcome.Ok<BattleService.Vote> ok) {
                text = ok.value().counted() ? COUNTED : ALREADY;
                if (ok.value().counted()) {
                    posts.votesChanged(chat, message.getMessageId(), entry.get());
                }
            } else {
                text = ((Outcome.Refused<BattleService.Vote>) result).reason();
            }
        } catch (RuntimeException e) {
            log.warn("Vote by {} in chat {} failed: {}", voter.userId(), chat.id(), e.toString());
            text = FAILED;
        }
        return api.answerCallback(query, text);
    }

    /** 👍 added: a vote if the message is a battle entry; 👍 removed: the vote is taken back. */
    CompletableFuture<Void> reaction(MessageReactionUpdated reaction) {
        if (reaction.getUser() == null || reaction.getChat() == null || reaction.getMessageId() == null) {
            return CompletableFuture.completedFuture(null); // anonymous: no one to count
        }
        boolean before = thumbsUp(reaction.getOldReaction());
        boolean after = thumbsUp(reaction.getNewReaction());
        if (before == after) {
            return CompletableFuture.completedFuture(null);
        }
        TelegramChat chat = TelegramChat.of(reaction.getChat());
        ChatOrigin voter = new ChatOrigin(TelegramBot.PLATFORM, chat.idText(), Long.toString(reaction.getUser().getId()));
        String messageId = Integer.toString(reaction.getMessageId());
        try {
            if (after) {
                battles.voteOnMessage(voter, messageId).ifPresent(result -> {
                    names.remember(voter, PlayerNames.of(reaction.getUser()));
                    if (result instanceof Outcome.Ok<BattleService.Vote> ok && ok.value().counted()) {
                        posts.votesChanged(chat, reaction.getMessageId(), ok.value().entry());
                    }
                    log.debug("vote by {} on message {}: {}", voter.userId(), messageId, result);
                });
            } else {
                battles.unvoteOnMessage(voter, messageId)
                        .ifPresent(entry -> posts.votesChanged(chat, reaction.getMessageId(), entry));
            }
        } catch (RuntimeException e) {
            log.warn("Vote by {} on message {} failed: {}", voter.userId(), messageId, e.toString());
        }
        return CompletableFuture.completedFuture(null);
    }

    static boolean thumbsUp(List<ReactionType> reactions) {
        return reactions != null && reactions.stream()
                .anyMatch(r -> r instanceof ReactionTypeEmoji e && BattlePosts.VOTE.equals(e.getEmoji()));
    }
}
