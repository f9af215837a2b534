package dev.memebattle.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleResult;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.BattleSettings;
import dev.memebattle.battle.LeaderboardPage;
import dev.memebattle.battle.LeaderboardScope;
import dev.memebattle.battle.RoundStarted;
import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.template.MemeTemplate;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    static final String PAGE_BUTTON = "templates:";
    /** {@code leaderboard:<server|global>:<page>} */
    static final String LEADERBOARD_BUTTON = "leaderboard:";
    /** TemplatesCommand prints "(page 2/14, …)"; the buttons follow it rather than recount. */
    private static final Pattern PAGE = Pattern.compile("\\(page (\\d+)/(\\d+)");
    /** Interaction tokens live 15 minutes; after that an edit goes through the channel instead. */
    private static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);
    /** The longest round, plus slack for clocks: older messages cannot be entries of an open round. */
    static final Duration MAX_ENTRY_AGE = Duration.ofMinutes(BattleSettings.MAX_ROUND_MINUTES).plusHours(1);

    private final TemplateResolver templates;
    private final MemeCommand memeCommand;
    private final ChatCommands chat;
    private final Rerolls rerolls;
    private final ChatPolicy policy;
    private final TemplateChoices choices;
    private final InFlightWork work;
    private final BattleService battles;
    private final BattleCommand battleCommand;
    private final DisplayNames names;
    private final ReactionVotes reactionVotes;
    private final Cache<String, InteractionHook> hooks = Caffeine.newBuilder()
            .expireAfterWrite(HOOK_LIFETIME).maximumSize(20_000).build();

    DiscordInteractions(TemplateResolver templates, MemeCommand memeCommand, ChatCommands chat, Rerolls rerolls,
                        ChatPolicy policy, TemplateChoices choices, InFlightWork work, BattleService battles,
                        BattleCommand battleCommand, DisplayNames names, ReactionVotes reactionVotes) {
        this.templates = templates;
        this.memeCommand = memeCommand;
        this.chat = chat;
        this.rerolls = rerolls;
        this.policy = policy;
        this.choices = choices;
        this.work = work;
        this.battles = battles;
        this.battleCommand = battleCommand;
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
        if (e.getGuild() == null && !SlashCommands.DIRECT.contains(e.getName())) {
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
            done = switch (e.getName()) {
                case SlashCommands.MEME -> meme(e, origin);
                case SlashCommands.TEMPLATES -> templates(e, origin);
                case SlashCommands.ADMIN -> admin(e, origin);
                case SlashCommands.BATTLE -> battle(e, origin);
                case SlashCommands.LEADERBOARD -> leaderboard(e, origin);
                default -> answer(e, origin, CompletableFuture.completedFuture(
                        ChatReply.Text.problem("I don't know that command any more.")), true);
            };
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

    private CompletableFuture<?> meme(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String query = ChatText.clean(e.getOption(SlashCommands.TEMPLATE_OPTION, "", OptionMapping::getAsString));
        String text = ChatText.clean(e.getOption(SlashCommands.TEXT_OPTION, "", OptionMapping::getAsString));
        return answer(e, origin, memeCommand.make(origin, query, text), false);
    }

    private CompletableFuture<?> templates(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String example = ChatText.clean(e.getOption(SlashCommands.EXAMPLE_OPTION, "", OptionMapping::getAsString));
        if (!example.isEmpty()) {
            return answer(e, origin, example(origin, example), true);
        }
        String query = ChatText.clean(e.getOption(SlashCommands.QUERY_OPTION, "", OptionMapping::getAsString));
        int page = e.getOption(SlashCommands.PAGE_OPTION, 1, OptionMapping::getAsInt);
        e.deferReply(true).queue(null, error -> log.warn("Could not acknowledge /templates: {}", error.toString()));
        TemplatePage list = templatePage(origin, query, page);
        return ServerErrorRetry.submitDeferredReply(e.getHook(), list::message, true);
    }

    /** A template's own example text, rendered: what "example image on request" shows. */
    private CompletableFuture<ChatReply> example(ChatOrigin origin, String query) {
        Optional<MemeTemplate> template = templates.find(query);
        if (template.isEmpty()) {
            return CompletableFuture.completedFuture(ChatReply.Text.problem(templates.unknownMessage(query)));
        }
        Optional<String> refused = policy.templateRefusal(origin, template.get());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(ChatReply.Text.problem(refused.get()));
        }
        MemeTemplate t = template.get();
        return memeCommand.submit(MemeRequest.of(t, new MemeText.Own(t.example()), 0));
    }

    record TemplatePage(String text, int page, int pages, String query) {
        MessageCreateData message() {
            List<Button> buttons = new ArrayList<>();
            if (page > 1) {
                buttons.add(Button.secondary(PAGE_BUTTON + (page - 1) + ":" + query, "◀ Page " + (page - 1)));
            }
            if (page < pages) {
                buttons.add(Button.secondary(PAGE_BUTTON + (page + 1) + ":" + query, "Page " + (page + 1) + " ▶"));
            }
            MessageCreateBuilder builder = new MessageCreateBuilder()
                    .setContent(MemeMessages.content(text)).setAllowedMentions(List.of());
            if (!buttons.isEmpty()) {
                builder.setComponents(ActionRow.of(buttons));
            }
            return builder.build();
        }
    }

    private TemplatePage templatePage(ChatOrigin origin, String query, int page) {
        CompletableFuture<ChatReply> answer = chat.handle(origin, "/templates " + query + " " + page, null);
        ChatReply reply = answer == null ? null : answer.join(); // the list is computed synchronously
        String text = reply instanceof ChatReply.Text t ? t.text() : "No templates to show.";
        Matcher m = PAGE.matcher(text);
        return m.find() ? new TemplatePage(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), query)
                : new TemplatePage(text, 1, 1, query);
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
        String id = e.getComponentId();
        if (id.startsWith(LEADERBOARD_BUTTON) && e.getGuild() != null) {
            leaderboardPage(e);
            return;
        }
        if (!id.startsWith(PAGE_BUTTON)) {
            return;
        }
        String[] parts = id.substring(PAGE_BUTTON.length()).split(":", 2);
        int page = parts[0].matches("\\d{1,4}") ? Integer.parseInt(parts[0]) : 1;
        String query = parts.length > 1 ? ChatText.clean(parts[1]) : "";
        TemplatePage list = templatePage(origin(e.getGuild(), e.getUser().getId(), e.getMember()), query, page);
        MessageCreateData message = list.message();
        e.editMessage(MemeMessages.textEdit(list.text())).setComponents(message.getComponents()).queue();
    }

    private CompletableFuture<?> admin(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String group = e.getSubcommandGroup();
        String sub = e.getSubcommandName() == null ? "" : e.getSubcommandName();
        StringBuilder args = new StringBuilder();
        if (group != null) {
            args.append(group).append(' ');
        }
        args.append(sub);
        for (OptionMapping option : e.getOptions()) {
            args.append(' ').append(option.getAsString());
        }
        // The core checks origin.admin() again: Discord's default permission can be changed by the server.
        CompletableFuture<ChatReply> reply = chat.handle(origin, "/" + SlashCommands.ADMIN + " " + args, null);
        if (reply == null) {
            reply = CompletableFuture.completedFuture(ChatReply.Text.problem("I could not read that command."));
        }
        return answer(e, origin, reply, true);
    }

    // ---- battles ----

    /**
     * {@code /battle start} is answered in public (the announcement); entering, status and
     * cancelling privately: the entry itself and a cancellation are posted to the battle's channel
     * by {@link DiscordBattlePosts}, so a public answer would only repeat them.
     */
    private CompletableFuture<?> battle(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String sub = e.getSubcommandName() == null ? "" : e.getSubcommandName();
        return switch (sub) {
            case "start" -> answer(e, origin, CompletableFuture.completedFuture(startBattle(e, origin)), false);
            case "enter" -> answer(e, origin, battleCommand.run(origin, null,
                    ("enter " + ChatText.clean(e.getOption(SlashCommands.TEXT_OPTION, "", OptionMapping::getAsString)))
                            .strip()), true);
            case "status", "cancel" -> answer(e, origin, battleCommand.run(origin, null, sub), true);
            default -> answer(e, origin, CompletableFuture.completedFuture(
                    ChatReply.Text.problem("Usage: /battle start|enter|status|cancel")), true);
        };
    }

    /** Typed options go straight to the service (the text form would take "/battle start 2" for minutes). */
    private ChatReply startBattle(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String query = ChatText.clean(e.getOption(SlashCommands.TEMPLATE_OPTION, "", OptionMapping::getAsString));
        Integer minutes = e.getOption(SlashCommands.MINUTES_OPTION, OptionMapping::getAsInt);
        Integer rounds = e.getOption(SlashCommands.ROUNDS_OPTION, OptionMapping::getAsInt);
        Optional<MemeTemplate> template = Optional.empty();
        if (!query.isEmpty() && !query.equalsIgnoreCase("random")) {
            template = templates.find(query);
            if (template.isEmpty()) {
                return ChatReply.Text.problem(templates.unknownMessage(query));
            }
        }
        Optional<String> cannotPost = cannotPostBattleIn(e);
        if (cannotPost.isPresent()) {
            return ChatReply.Text.problem(cannotPost.get());
        }
        BattleResult<RoundStarted> started = battles.start(origin, e.getChannelId(), template, minutes, rounds);
        return started instanceof BattleResult.Ok<RoundStarted> ok ? ChatReply.Text.info(ok.value().announcement())
                : ChatReply.Text.problem(((BattleResult.Refused<RoundStarted>) started).reason());
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

    /** In public: a leaderboard is meant to be seen. */
    private CompletableFuture<?> leaderboard(SlashCommandInteractionEvent e, ChatOrigin origin) {
        String scope = e.getOption(SlashCommands.SCOPE_OPTION, "server", OptionMapping::getAsString);
        int page = e.getOption(SlashCommands.PAGE_OPTION, 1, OptionMapping::getAsInt);
        LeaderboardPage board = battles.leaderboard(origin, scope(scope), page);
        e.deferReply(false).queue(null, error -> log.warn("Could not acknowledge /leaderboard: {}", error.toString()));
        MessageCreateData message = leaderboardMessage(board);
        return ServerErrorRetry.submitDeferredReply(e.getHook(), () -> message, false);
    }

    private static LeaderboardScope scope(String name) {
        return "global".equals(name) ? LeaderboardScope.GLOBAL : LeaderboardScope.CHAT;
    }

    /** The page with ◀/▶ buttons; anyone may page a public leaderboard. */
    static MessageCreateData leaderboardMessage(LeaderboardPage board) {
        String scope = board.scope() == LeaderboardScope.GLOBAL ? "global" : "server";
        List<Button> buttons = new ArrayList<>();
        if (!board.rows().isEmpty() && board.page() > 1) {
            buttons.add(Button.secondary(LEADERBOARD_BUTTON + scope + ":" + (board.page() - 1), "◀ Page " + (board.page() - 1)));
        }
        if (!board.rows().isEmpty() && board.page() < board.pages()) {
            buttons.add(Button.secondary(LEADERBOARD_BUTTON + scope + ":" + (board.page() + 1), "Page " + (board.page() + 1) + " ▶"));
        }
        MessageCreateBuilder builder = new MessageCreateBuilder()
                .setContent(MemeMessages.content(board.text())).setAllowedMentions(List.of());
        if (!buttons.isEmpty()) {
            builder.setComponents(ActionRow.of(buttons));
        }
        return builder.build();
    }

    private void leaderboardPage(ButtonInteractionEvent e) {
        String[] parts = e.getComponentId().substring(LEADERBOARD_BUTTON.length()).split(":", 2);
        int page = parts.length > 1 && parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : 1;
        try {
            LeaderboardPage board = battles.leaderboard(origin(e.getGuild().getId(), e.getUser().getId(), e.getMember()),
                    scope(parts[0]), page);
            MessageCreateData message = leaderboardMessage(board);
            e.editMessage(MemeMessages.textEdit(board.text())).setComponents(message.getComponents()).queue();
        } catch (RuntimeException error) {
            log.error("Leaderboard page failed", error);
            e.reply("Something went wrong — please try again.").setEphemeral(true).setAllowedMentions(List.of())
                    .queue(null, ignored -> { });
        }
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
        String option = e.getFocusedOption().getName();
        if (!(option.equals(SlashCommands.TEMPLATE_OPTION) || option.equals(SlashCommands.EXAMPLE_OPTION))) {
            e.replyChoices(List.of()).queue();
            return;
        }
        ChatOrigin origin = origin(e.getGuild(), e.getUser().getId(), e.getMember());
        boolean includeDenied = SlashCommands.ADMIN.equals(e.getName());
        String typed = ChatText.clean(e.getFocusedOption().getValue());
        boolean offerRandom = SlashCommands.MEME.equals(e.getName()) && option.equals(SlashCommands.TEMPLATE_OPTION);
        e.replyChoices(choices.choices(origin, typed, includeDenied, offerRandom))
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
