package dev.memebattle.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleCommand;
import dev.memebattle.battle.BattleSettings;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;
import dev.memebattle.chat.Rerolls;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers slash commands, autocomplete, page buttons, 🔁 reactions (rerolls) and 👍 reactions
 * (battle votes). Runs on JDA's event thread, so nothing slow happens here: the core answers with
 * futures, replies are queued and votes go to {@link ReactionVotes}.
 *
 * <p>Every command is acknowledged at once with a deferred reply and answered by a follow-up.
 * Discord decides at the defer whether the answer is ephemeral (the first follow-up cannot change
 * it), so a refusal the core knows instantly is deferred ephemerally; a problem that shows up only
 * later (engine failure, timeout) replaces the public "thinking…" message with an ephemeral one.
 */
final class DiscordInteractions extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordInteractions.class);

    static final String PLATFORM = "discord";
    /** Chat id prefix of a direct message with the bot (server ids are plain numbers). */
    static final String DM_CHAT = "dm-";
    /** Interaction tokens live 15 minutes; after that an edit goes through the channel instead. */
    private static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);
    /** The longest round, plus slack for clocks: older messages cannot be entries of an open round. */
    static final Duration MAX_ENTRY_AGE = Duration.ofMinutes(BattleSettings.MAX_ROUND_MINUTES).plusHours(1);

    private final ChatCommands chat;
    private final BattleCommand battleCommand;
    private final Rerolls rerolls;
    private final TemplateChoices choices;
    private final InFlightWork work;
    private final DisplayNames names;
    private final ReactionVotes reactionVotes;
    private final Cache<String, InteractionHook> hooks = Caffeine.newBuilder()
            .expireAfterWrite(HOOK_LIFETIME).maximumSize(20_000).build();

    /** @param battleCommand {@code /battle}, run with the channel it is used in (where the battle posts) */
    DiscordInteractions(ChatCommands chat, BattleCommand battleCommand, Rerolls rerolls, TemplateChoices choices,
                        InFlightWork work, DisplayNames names, ReactionVotes reactionVotes) {
        this.chat = chat;
        this.battleCommand = battleCommand;
        this.rerolls = rerolls;
        this.choices = choices;
        this.work = work;
        this.names = names;
        this.reactionVotes = reactionVotes;
    }

    /** Admin = Manage Server (Administrator implies it), computed by JDA from the member's roles. */
    static ChatOrigin origin(String guildId, String userId, Member member) {
        boolean admin = member != null && member.hasPermission(Permission.MANAGE_SERVER);
        return new ChatOrigin(PLATFORM, guildId, userId, admin);
    }

    /**
     * In a server as above; in a direct message with the bot (guild null) the chat is the user's
     * own, as a private chat on Telegram: its settings are theirs.
     */
    static ChatOrigin origin(Guild guild, String userId, Member member) {
        return guild == null ? new ChatOrigin(PLATFORM, DM_CHAT + userId, userId, true)
                : origin(guild.getId(), userId, member);
    }

    // ---- slash commands ----

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        Optional<ChatCommand> command = chat.command(e.getName());
        if (command.isEmpty()) {
            e.reply("I don't know that command any more.").setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        if (e.getGuild() == null && !SlashCommands.direct(command.get().spec())) {
            e.reply("That only works in a server.").setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        if (!work.begin()) {
            e.reply("I'm restarting — try again in a moment.").setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        CompletableFuture<?> done;
        try {
            ChatOrigin origin = origin(e.getGuild(), e.getUser().getId(), e.getMember());
            // Before the command runs: an entry or a battle names its player.
            names.remember(origin, DisplayNames.of(e.getMember(), e.getUser()));
            CommandInput input = input(e);
            done = answer(e, origin, run(e, origin, input), !command.get().answersInPublic(input));
        } catch (RuntimeException error) {
            log.error("/{} failed", e.getName(), error);
            if (!e.isAcknowledged()) {
                e.reply("Something went wrong — please try again.").setEphemeral(true).setAllowedMentions(List.of())
                        .queue(null, ignored -> { });
            }
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("Could not answer /{}: {}", e.getName(), error.toString());
            }
            work.end();
        });
    }

    /** The typed options as the core's input: the subcommand path and each option by name. */
    private static CommandInput input(SlashCommandInteractionEvent e) {
        List<String> path = new ArrayList<>();
        if (e.getSubcommandGroup() != null) {
            path.add(e.getSubcommandGroup());
        }
        if (e.getSubcommandName() != null) {
            path.add(e.getSubcommandName());
        }
        Map<String, String> values = new HashMap<>();
        for (OptionMapping option : e.getOptions()) {
            values.put(option.getName(), option.getAsString());
        }
        return CommandInput.of(path, values);
    }

    private CompletableFuture<ChatReply> run(SlashCommandInteractionEvent e, ChatOrigin origin, CommandInput input) {
        if (!e.getName().equals(battleCommand.name())) {
            return chat.run(origin, e.getName(), input);
        }
        if (input.action().equals("start")) {
            Optional<String> cannotPost = cannotPostBattleIn(e);
            if (cannotPost.isPresent()) {
                return CompletableFuture.completedFuture(ChatReply.Text.problem(cannotPost.get()));
            }
        }
        // a battle posts its entries and results in the channel it was started in
        return battleCommand.run(origin, e.getChannelId(), input);
    }

    /**
     * The interaction answer needs no permission, but the entries and results are posted as the
     * bot: a battle in a channel where that fails would take entries nobody can see or vote for.
     */
    private static Optional<String> cannotPostBattleIn(SlashCommandInteractionEvent e) {
        GuildChannel channel = e.getGuildChannel();
        Permission send = channel.getType().isThread() ? Permission.MESSAGE_SEND_IN_THREADS : Permission.MESSAGE_SEND;
        List<Permission> needed = List.of(Permission.VIEW_CHANNEL, send, Permission.MESSAGE_ATTACH_FILES,
                Permission.MESSAGE_ADD_REACTION, Permission.MESSAGE_HISTORY);
        Member self = e.getGuild().getSelfMember();
        List<String> missing = needed.stream().filter(p -> !self.hasPermission(channel, p)).map(Permission::getName).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("I can't run a battle in this channel: I need "
                + String.join(", ", missing) + " here. Ask an admin, or start it in another channel.");
    }

    // ---- pages ----

    /** A page with ◀/▶ buttons: {@code <command>:<page>:<arguments>}, the same command for another page. */
    static MessageCreateData pageMessage(ChatReply.Page page) {
        List<Button> buttons = new ArrayList<>();
        if (page.hasPrevious()) {
            buttons.add(Button.secondary(pageButton(page, page.page() - 1), "◀ Page " + (page.page() - 1)));
        }
        if (page.hasNext()) {
            buttons.add(Button.secondary(pageButton(page, page.page() + 1), "Page " + (page.page() + 1) + " ▶"));
        }
        MessageCreateBuilder builder = new MessageCreateBuilder()
                .setContent(MemeMessages.content(page.text())).setAllowedMentions(List.of());
        if (!buttons.isEmpty()) {
            builder.setComponents(ActionRow.of(buttons));
        }
        return builder.build();
    }

    private static String pageButton(ChatReply.Page page, int n) {
        String id = page.command() + ":" + n + ":" + page.arguments();
        return id.length() <= Button.ID_MAX_LENGTH ? id : id.substring(0, Button.ID_MAX_LENGTH);
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
        String[] parts = e.getComponentId().split(":", 3);
        Optional<ChatCommand> command = parts.length == 3 ? chat.command(parts[0]) : Optional.empty();
        if (command.isEmpty()) {
            return;
        }
        int page = parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : 1;
        String arguments = (ChatText.clean(parts[2]) + " " + page).strip();
        ChatOrigin origin = origin(e.getGuild(), e.getUser().getId(), e.getMember());
        chat.run(origin, parts[0], command.get().parse(arguments)).whenComplete((reply, error) -> {
            if (reply instanceof ChatReply.Page next) {
                e.editMessage(MemeMessages.textEdit(next.text())).setComponents(pageMessage(next).getComponents()).queue();
            } else {
                if (error != null) {
                    log.error("Page {} failed", e.getComponentId(), error);
                }
                String text = reply instanceof ChatReply.Text t ? t.text() : "Something went wrong — please try again.";
                e.reply(text).setEphemeral(true).setAllowedMentions(List.of()).queue(null, ignored -> { });
            }
        });
    }

    /** Defers at once, then follows up with the core's answer. */
    private CompletableFuture<?> answer(SlashCommandInteractionEvent e, ChatOrigin origin,
                                        CompletableFuture<ChatReply> reply, boolean alwaysEphemeral) {
        boolean instantProblem = reply.isDone() && !reply.isCompletedExceptionally()
                && reply.join() instanceof ChatReply.Text t && t.problem();
        boolean ephemeral = alwaysEphemeral || instantProblem;
        String command = e.getName();
        e.deferReply(ephemeral).queue(null, error -> log.warn("Could not acknowledge /{}: {}", command, error.toString()));
        InteractionHook hook = e.getHook();
        MessageChannel channel = e.getMessageChannel();
        return reply
                .exceptionally(error -> {
                    log.error("/{} failed", command, error);
                    return ChatReply.Text.problem("Something went wrong — please try again.");
                })
                .thenCompose(r -> deliver(hook, channel, origin, r, ephemeral));
    }

    private CompletableFuture<?> deliver(InteractionHook hook, MessageChannel channel, ChatOrigin origin,
                                         ChatReply reply, boolean ephemeral) {
        if (reply instanceof ChatReply.Posted posted) {
            if (ephemeral) {
                return ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.meme(posted), true);
            }
            return ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.meme(posted), false)
                    .thenCompose(message -> remember(hook, channel, origin, posted, message));
        }
        if (reply instanceof ChatReply.Page page) {
            return ServerErrorRetry.submitDeferredReply(hook, () -> pageMessage(page), ephemeral);
        }
        ChatReply.Text text = (ChatReply.Text) reply;
        if (!ephemeral && text.problem()) {
            // Too late to make the deferred answer private: remove it, then answer privately.
            return hook.deleteOriginal().submit().handle((ok, error) -> null)
                    .thenCompose(ignored -> ServerErrorRetry.submit(
                            () -> hook.sendMessage(MemeMessages.text(text.text())).setEphemeral(true)));
        }
        return ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.text(text.text()), ephemeral);
    }

    /** Makes a posted meme rerollable and adds the 🔁 that invites it. */
    private CompletableFuture<?> remember(InteractionHook hook, MessageChannel channel, ChatOrigin origin,
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

    // ---- autocomplete ----

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
        List<String> path = new ArrayList<>();
        if (e.getSubcommandGroup() != null) {
            path.add(e.getSubcommandGroup());
        }
        if (e.getSubcommandName() != null) {
            path.add(e.getSubcommandName());
        }
        String option = e.getFocusedOption().getName();
        Optional<CommandSpec> spec = chat.command(e.getName()).map(ChatCommand::spec);
        Optional<CommandSpec.Param> param = spec.flatMap(s -> s.paramsAt(path).stream()
                .filter(p -> p.name().equals(option)).findFirst());
        if (param.isEmpty() || param.get().type() != CommandSpec.ParamType.TEMPLATE) {
            e.replyChoices(List.of()).queue();
            return;
        }
        ChatOrigin origin = origin(e.getGuild(), e.getUser().getId(), e.getMember());
        // admins pick turned-off templates too (to allow them again)
        boolean includeDenied = spec.get().who() == CommandSpec.Who.CHAT_ADMIN;
        String typed = ChatText.clean(e.getFocusedOption().getValue());
        e.replyChoices(choices.choices(origin, typed, includeDenied, param.get().offersRandom()))
                .queue(null, error -> log.debug("Autocomplete answer failed: {}", error.toString()));
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
        if (TimeUtil.getTimeCreated(e.getMessageIdLong()).toInstant().isBefore(Instant.now().minus(MAX_ENTRY_AGE))) {
            return;
        }
        reactionVotes.record(origin(e.getGuild().getId(), e.getUserId(), e.getMember()),
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
            ChatOrigin reactor = origin(e.isFromGuild() ? e.getGuild() : null, e.getUserId(), e.getMember());
            String messageId = e.getMessageId();
            MessageChannel channel = e.getChannel();
            // Where the bot may, it takes the user's 🔁 back, so the next press is a new reaction
            // (in a server with Manage Messages; a bot cannot remove reactions in direct messages).
            User user = e.getUser(); // from the event's member object: no extra request
            boolean takeBack = user != null && e.isFromGuild()
                    && e.getGuild().getSelfMember().hasPermission(e.getGuildChannel(), Permission.MESSAGE_MANAGE);
            Emoji emoji = e.getEmoji();
            rerolls.reroll(reactor, messageId)
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
        if (reply instanceof ChatReply.Text text) {
            return reply(channel, messageId, () -> MemeMessages.text(text.text()));
        }
        ChatReply.Posted posted = (ChatReply.Posted) reply;
        InteractionHook hook = hooks.getIfPresent(messageId);
        CompletableFuture<Message> edit = hook != null && !hook.isExpired()
                ? ServerErrorRetry.submit(() -> hook.editMessageById(messageId, MemeMessages.memeEdit(posted)))
                : ServerErrorRetry.submit(() -> channel.editMessageById(messageId, MemeMessages.memeEdit(posted)));
        return edit.handle((message, error) -> error)
                .thenCompose(error -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    log.info("Could not edit message {} ({}); replying with the reroll instead", messageId, error.toString());
                    return reply(channel, messageId, () -> MemeMessages.meme(posted))
                            .thenCompose(message -> remember(null, channel, reactor, posted, message));
                });
    }

    private static CompletableFuture<Message> reply(MessageChannel channel, String messageId,
                                                    Supplier<MessageCreateData> data) {
        return ServerErrorRetry.submitMessage(
                () -> channel.sendMessage(data.get()).setMessageReference(messageId).failOnInvalidReply(false));
    }
}
