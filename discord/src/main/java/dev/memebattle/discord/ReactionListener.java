package dev.memebattle.discord;

import dev.memebattle.battle.BattleSettings;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.Rerolls;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reactions: 👍 on a battle entry is a vote (taking it off takes it back), 🔁 on a meme rerolls it.
 * Runs on JDA's event thread: votes go to {@link ReactionVotes}, rerolls to the core's futures.
 */
final class ReactionListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ReactionListener.class);
    /** The longest round, plus slack for clocks: older messages cannot be entries of an open round. */
    /** How long a refused 🔁's reply stays in the channel. */
    static final Duration REFUSAL_SHOWN = Duration.ofSeconds(30);
    static final Duration MAX_ENTRY_AGE = Duration.ofMinutes(BattleSettings.MAX_ROUND_MINUTES).plusHours(1);

    private final ReactionVotes reactionVotes;
    private final RerollableMemes memes;
    private final InFlightWork work;
    private final Executor commandWork;

    /** @param commandWork where rerolls start (never JDA's event thread) */
    ReactionListener(ReactionVotes reactionVotes, RerollableMemes memes, InFlightWork work, Executor commandWork) {
        this.reactionVotes = reactionVotes;
        this.memes = memes;
        this.work = work;
        this.commandWork = commandWork;
    }

    // ---- 👍 votes and 🔁 rerolls ----

    /** The plain emoji of a reaction by someone else than the bot; null otherwise. */
    private static String emoji(GenericMessageReactionEvent e) {
        if (e.getUserIdLong() == e.getJDA().getSelfUser().getIdLong()
                || e.getEmoji().getType() != Emoji.Type.UNICODE) {
            return null;
        }
        return e.getEmoji().getName().replace("\uFE0F", "");
    }

    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent e) {
        String emoji = emoji(e);
        if (DiscordBattlePosts.VOTE.equals(emoji) && e.isFromGuild()) {
            // Discord names the message's author here: a 👍 on anyone else's message is no vote.
            long author = e.getMessageAuthorIdLong();
            if (author == 0 || author == e.getJDA().getSelfUser().getIdLong()) {
                vote(e, true);
            }
        } else if (Rerolls.EMOJI.equals(emoji)) {
            reroll(e);
        }
    }

    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent e) {
        if (DiscordBattlePosts.VOTE.equals(emoji(e)) && e.isFromGuild()) {
            vote(e, false);
        }
    }

    /**
     * 👍 on a battle entry is a vote, taking it off takes the vote back. The bot says nothing either
     * way (a reaction has no private answer, and a public one per vote would flood the channel).
     */
    private void vote(GenericMessageReactionEvent e, boolean add) {
        // 👍 is common: skip the database for messages too old to be in an open round.
        if (Instant.ofEpochMilli(DiscordChats.createdMillis(e.getMessageIdLong())).isBefore(Instant.now().minus(MAX_ENTRY_AGE))) {
            return;
        }
        reactionVotes.record(DiscordChats.origin(e.getGuild().getId(), e.getUserId(), e.getMember()),
                DisplayNames.of(e.getMember(), e.getUser()), e.getMessageId(), add);
    }

    /** A new session (first login or re-identify) did not get the reactions made meanwhile. */
    @Override
    public void onReady(ReadyEvent e) {
        reactionVotes.catchUp(e.getJDA());
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent e) {
        reactionVotes.catchUp(e.getJDA());
    }

    private void reroll(MessageReactionAddEvent e) {
        if (!work.begin()) {
            return;
        }
        try {
            ChatOrigin reactor = DiscordChats.origin(e.isFromGuild() ? e.getGuild() : null, e.getUserId(), e.getMember());
            String messageId = e.getMessageId();
            MessageChannel channel = e.getChannel();
            // Where the bot may, it takes the user's 🔁 back, so the next press is a new reaction
            // (in a server with Manage Messages; a bot cannot remove reactions in direct messages).
            User user = e.getUser(); // from the event's member object: no extra request
            boolean takeBack = user != null && e.isFromGuild()
                    && e.getGuild().getSelfMember().hasPermission(e.getGuildChannel(), Permission.MESSAGE_MANAGE);
            Emoji emoji = e.getEmoji();
            // finding the posted meme reads the database: not on the event thread
            CompletableFuture.supplyAsync(() -> memes.rerolls().reroll(reactor, messageId), commandWork)
                    .thenCompose(reroll -> reroll)
                    .thenCompose(reply -> reply.isEmpty() ? CompletableFuture.completedFuture(null)
                            : showReroll(channel, reactor, messageId, reply.get()).whenComplete((ok, error) -> {
                                if (takeBack) {
                                    e.getGuildChannel().removeReactionById(messageId, emoji, user)
                                            .queue(null, failed -> log.debug("Could not take back the 🔁 on {}: {}",
                                                    messageId, failed.toString()));
                                }
                            }))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            log.warn("Reroll of message {} failed: {}", messageId, error.toString());
                        }
                        work.end();
                    });
        } catch (RuntimeException error) {
            log.error("Reroll failed", error);
            work.end();
        }
    }

    private CompletableFuture<?> showReroll(MessageChannel channel, ChatOrigin reactor, String messageId, ChatReply reply) {
        if (!(reply instanceof ChatReply.Posted posted)) {
            // a reaction has no private answer: the short reply goes away again
            return reply(channel, messageId, () -> MemeMessages.text(reply.text()))
                    .thenAccept(shown -> shown.delete().queueAfter(REFUSAL_SHOWN.toSeconds(), TimeUnit.SECONDS, null,
                            gone -> log.debug("Refusal {} already gone: {}", shown.getId(), gone.toString())));
        }
        InteractionHook hook = memes.hook(messageId);
        CompletableFuture<Message> edit = hook != null
                ? ServerErrorRetry.submit(() -> hook.editMessageById(messageId, MemeMessages.memeEdit(posted)))
                : ServerErrorRetry.submit(() -> channel.editMessageById(messageId, MemeMessages.memeEdit(posted)));
        return edit.handle((message, error) -> error)
                .thenCompose(error -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    log.info("Could not edit message {} ({}); replying with the reroll instead", messageId, error.toString());
                    return reply(channel, messageId, () -> MemeMessages.meme(posted))
                            .thenCompose(message -> memes.remember(null, channel, reactor, posted, message));
                });
    }

    private static CompletableFuture<Message> reply(MessageChannel channel, String messageId,
                                                    Supplier<MessageCreateData> data) {
        return ServerErrorRetry.submitMessage(
                () -> channel.sendMessage(data.get()).setMessageReference(messageId).failOnInvalidReply(false));
    }
}
