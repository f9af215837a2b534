package dev.memebattle.discord;

import dev.memebattle.battle.BattleCommand;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.chat.CommandInput;
import dev.memebattle.chat.CommandSpec;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.picture.UnusablePicture;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Answers slash commands, their autocomplete and the ◀/▶ buttons of lists. Runs on JDA's event
 * thread, so nothing slow happens here: the core answers with futures and replies are queued.
 * Commands come from the core's declarations ({@link SlashCommands}); this class only turns typed
 * options into {@link CommandInput} and replies into messages.
 *
 * <p>An answer the core has within {@link #VISIBILITY_DECISION} is the acknowledgement itself; a slower
 * one (a meme) is deferred and answered by a follow-up. Discord decides at the defer whether the
 * answer is ephemeral (the first follow-up cannot change it), so a problem that shows up only later
 * (engine failure, timeout) replaces the public "thinking…" message with an ephemeral one.
 */
final class SlashCommandAnswers extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SlashCommandAnswers.class);

    /**
     * How long an answer may take to be acknowledged in one go (its visibility, or a page edited in
     * place) before it is deferred: far inside Discord's 3 s, whatever the command waits on.
     */
    static final Duration VISIBILITY_DECISION = Duration.ofMillis(250);

    private final ChatCommands chat;
    private final BattleCommand battleCommand;
    private final TemplateChoices choices;
    private final InFlightWork work;
    private final DisplayNames names;
    private final RerollableMemes memes;
    private final Executor commandWork;
    private final MemeCommand memeCommand;
    private final DiscordPictures pictures;
    private final BotMetrics metrics;

    /**
     * @param battleCommand {@code /battle}, run with the channel it is used in (where the battle posts)
     * @param commandWork   where commands run: never JDA's event thread, which must stay free to
     *                      acknowledge every interaction within Discord's 3 s
     */
    SlashCommandAnswers(ChatCommands chat, BattleCommand battleCommand, TemplateChoices choices, InFlightWork work,
                        DisplayNames names, RerollableMemes memes, Executor commandWork, MemeCommand memeCommand,
                        DiscordPictures pictures, BotMetrics metrics) {
        this.metrics = metrics;
        this.memeCommand = memeCommand;
        this.pictures = pictures;
        this.chat = chat;
        this.battleCommand = battleCommand;
        this.choices = choices;
        this.work = work;
        this.names = names;
        this.memes = memes;
        this.commandWork = commandWork;
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
            // Nothing here may wait on I/O: the command runs elsewhere, and the acknowledgement goes out
            // within VISIBILITY_DECISION whatever it waits on (Discord allows 3 s).
            ChatOrigin origin = DiscordChats.origin(e.getGuild(), e.getUser().getId(), e.getMember());
            CommandInput input = input(e);
            boolean alwaysPrivate = !command.get().answersInPublic(input);
            String name = e.getName();
            Optional<String> cannotPost = name.equals(battleCommand.name()) && input.action().equals("start")
                    ? cannotPostBattleIn(e) : Optional.empty(); // from JDA's cache, no request
            String displayName = DisplayNames.of(e.getMember(), e.getUser());
            String channelId = e.getChannelId();
            InteractionHook hook = e.getHook();
            MessageChannel channel = e.getMessageChannel();
            // the picture option the chosen (sub)command declares: /meme picture:…, /memeadmin templates add … picture:…
            Optional<String> pictureOption = CommandInput.pictureParam(command.get().spec(), input.path())
                    .map(CommandSpec.Param::name);
            OptionMapping picture = pictureOption.map(e::getOption).orElse(null);
            Message.Attachment attachment = picture == null ? null : picture.getAsAttachment();
            CompletableFuture<ChatReply> reply = CompletableFuture.supplyAsync(() -> {
                        names.remember(origin, displayName); // before the command: an entry or a battle names its player
                        if (cannotPost.isPresent()) {
                            return CompletableFuture.completedFuture((ChatReply) new ChatReply.Refused(cannotPost.get()));
                        }
                        return attachment == null ? run(name, channelId, origin, input)
                                : withPicture(origin, name, input, pictureOption.get(), attachment);
                    }, commandWork)
                    .thenCompose(r -> r)
                    .exceptionally(error -> {
                        log.error("/{} failed", name, error);
                        return new ChatReply.Refused("Something went wrong — please try again.");
                    });
            // An answer ready within VISIBILITY_DECISION goes out in the acknowledgement itself: one request,
            // which matters under a burst (most answers are then "busy" or a cooldown). Anything slower is
            // deferred, and Discord fixes the answer's visibility at the defer: a meme is deferred in public
            // (a late refusal then replaces it privately).
            done = answer(e, name, reply, alwaysPrivate, hook, channel, origin);
            // what the user waits: from Discord creating the interaction to the meme posted
            long created = DiscordChats.createdMillis(e.getIdLong());
            reply.thenAcceptBoth(done, (r, posted) -> {
                if (r instanceof ChatReply.Posted) {
                    metrics.delivered(DiscordChats.PLATFORM, TimeUnit.MILLISECONDS.toNanos(
                            Math.max(0, System.currentTimeMillis() - created)));
                }
            });
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

    /**
     * Acknowledges and answers: an answer ready within {@link #VISIBILITY_DECISION} goes out in the
     * acknowledgement itself (one request, which matters under a burst: most answers are then "busy" or
     * a cooldown). Anything slower is deferred, and Discord fixes the answer's visibility at the defer:
     * a meme is deferred in public (a late refusal then replaces it privately).
     */
    private CompletableFuture<Void> answer(IReplyCallback e, String name, CompletableFuture<ChatReply> reply,
                                           boolean alwaysPrivate, InteractionHook hook, MessageChannel channel,
                                           ChatOrigin origin) {
        return reply.thenApply(Optional::of)
                .completeOnTimeout(Optional.empty(), VISIBILITY_DECISION.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ready -> {
                    if (ready.isPresent() && !(ready.get() instanceof ChatReply.Posted)) {
                        return answerAtOnce(e, ready.get(), alwaysPrivate || ready.get() instanceof ChatReply.Refused);
                    }
                    e.deferReply(alwaysPrivate).queue(null,
                            error -> log.warn("Could not acknowledge {}: {}", name, error.toString()));
                    return reply.thenCompose(r -> deliver(hook, channel, origin, r, alwaysPrivate)).thenRun(() -> { });
                });
    }

    /** "Make a meme" on a message: its first picture, the AI writes the caption (🔁 for another). */
    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent e) {
        if (!e.getName().equals(SlashCommands.MAKE_A_MEME)) {
            return;
        }
        if (!work.begin()) {
            e.reply("I'm restarting — try again in a moment.").setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        ChatOrigin origin = DiscordChats.origin(e.getGuild(), e.getUser().getId(), e.getMember());
        Optional<Message.Attachment> picture = e.getTarget().getAttachments().stream()
                .filter(Message.Attachment::isImage).findFirst();
        String displayName = DisplayNames.of(e.getMember(), e.getUser());
        CompletableFuture<ChatReply> reply = picture.isEmpty()
                ? CompletableFuture.completedFuture(new ChatReply.Refused("That message has no picture — pick one that has."))
                : CompletableFuture.supplyAsync(() -> {
                            names.remember(origin, displayName);
                            return withPicture(origin, memeCommand.name(), CommandInput.EMPTY, MemeCommand.PICTURE,
                                    picture.get());
                        }, commandWork).thenCompose(r -> r);
        answer(e, SlashCommands.MAKE_A_MEME, reply, false, e.getHook(), e.getMessageChannel(), origin)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("Could not answer {}: {}", SlashCommands.MAKE_A_MEME, error.toString());
                    }
                    work.end();
                });
    }

    /**
     * Runs a command with the picture from {@code attachment} as its {@code option}: fetched from
     * Discord's CDN only ({@link DiscordPictures}), and only once the command is allowed (no download
     * for a member an admin action refuses).
     */
    private CompletableFuture<ChatReply> withPicture(ChatOrigin origin, String name, CommandInput input, String option,
                                                     Message.Attachment attachment) {
        Optional<String> refusal = chat.refusal(origin, name, input);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new ChatReply.Refused(refusal.get()));
        }
        return pictures.fetch(attachment)
                .thenCompose(bytes -> chat.run(origin, name, input.withPicture(option, bytes)))
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof UnusablePicture refused) {
                        return new ChatReply.Refused(refused.getMessage());
                    }
                    log.warn("Picture {} not fetched: {}", attachment.getId(), cause.toString());
                    return new ChatReply.Refused("Discord didn't give me that picture — attach it again.");
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
            if (option.getType() != net.dv8tion.jda.api.interactions.commands.OptionType.ATTACHMENT) {
                values.put(option.getName(), option.getAsString());
            }
        }
        return CommandInput.of(path, values);
    }

    private CompletableFuture<ChatReply> run(String name, String channelId, ChatOrigin origin, CommandInput input) {
        if (!name.equals(battleCommand.name())) {
            return chat.run(origin, name, input);
        }
        // a battle posts its entries and results in the channel it was started in
        return chat.counted(origin, name, System.nanoTime(), battleCommand.run(origin, channelId, input));
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
        ChatOrigin origin = DiscordChats.origin(e.getGuild(), e.getUser().getId(), e.getMember());
        InteractionHook hook = e.getHook();
        String id = e.getComponentId();
        CompletableFuture<ChatReply> reply = CompletableFuture.supplyAsync(
                        () -> chat.run(origin, parts[0], command.get().parse(arguments)), commandWork)
                .thenCompose(r -> r)
                .exceptionally(error -> {
                    log.error("Page {} failed", id, error);
                    return new ChatReply.Refused("Something went wrong — please try again.");
                });
        // a page ready at once replaces the message in the acknowledgement itself; a slow one is deferred first
        reply.thenApply(Optional::of).completeOnTimeout(Optional.empty(), VISIBILITY_DECISION.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(ready -> {
                    if (ready.isPresent() && ready.get() instanceof ChatReply.Page next) {
                        e.editMessage(MemeMessages.textEdit(next.text())).setComponents(pageMessage(next).getComponents())
                                .queue(null, failed -> log.info("Page {} not shown: {}", id, failed.toString()));
                        return;
                    }
                    if (ready.isEmpty()) {
                        e.deferEdit().queue(null, error -> log.warn("Could not acknowledge page {}: {}", id, error.toString()));
                    }
                    reply.thenAccept(r -> {
                        if (r instanceof ChatReply.Page next) {
                            hook.editOriginal(MemeMessages.textEdit(next.text())).setComponents(pageMessage(next).getComponents())
                                    .queue(null, failed -> log.info("Page {} not shown: {}", id, failed.toString()));
                        } else if (ready.isPresent()) {
                            e.reply(r.text()).setEphemeral(true).setAllowedMentions(List.of()).queue(null, ignored -> { });
                        } else {
                            hook.sendMessage(r.text()).setEphemeral(true).setAllowedMentions(List.of()).queue(null, ignored -> { });
                        }
                    });
                });
    }

    /** The whole answer as the acknowledgement (no meme: a posted meme is remembered for 🔁 from its message). */
    private static CompletableFuture<Void> answerAtOnce(IReplyCallback e, ChatReply reply, boolean ephemeral) {
        MessageCreateData message = reply instanceof ChatReply.Page page ? pageMessage(page) : MemeMessages.text(reply.text());
        return e.reply(message).setEphemeral(ephemeral).submit().thenRun(() -> { });
    }

    private CompletableFuture<?> deliver(InteractionHook hook, MessageChannel channel, ChatOrigin origin,
                                         ChatReply reply, boolean ephemeral) {
        if (reply instanceof ChatReply.Posted posted) {
            if (ephemeral) {
                return ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.meme(posted), true);
            }
            long uploading = System.nanoTime();
            CompletableFuture<net.dv8tion.jda.api.entities.Message> shown =
                    ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.meme(posted), false)
                            .whenComplete((message, error) -> {
                                if (error == null) {
                                    metrics.upload(DiscordChats.PLATFORM, System.nanoTime() - uploading);
                                }
                            });
            // 🔁 only where it changes something (own text would come back the same)
            return posted.rerollable() ? shown.thenCompose(message -> memes.remember(hook, channel, origin, posted, message))
                    : shown;
        }
        if (reply instanceof ChatReply.Page page) {
            return ServerErrorRetry.submitDeferredReply(hook, () -> pageMessage(page), ephemeral);
        }
        if (!ephemeral && reply instanceof ChatReply.Refused refused) {
            // Too late to make the deferred answer private: remove it, then answer privately.
            return hook.deleteOriginal().submit().handle((ok, error) -> null)
                    .thenCompose(ignored -> ServerErrorRetry.submit(
                            () -> hook.sendMessage(MemeMessages.text(refused.text())).setEphemeral(true)));
        }
        return ServerErrorRetry.submitDeferredReply(hook, () -> MemeMessages.text(reply.text()), ephemeral);
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
        ChatOrigin origin = DiscordChats.origin(e.getGuild(), e.getUser().getId(), e.getMember());
        // admins pick turned-off templates too (to allow them again)
        boolean includeDenied = spec.get().who() == CommandSpec.Who.CHAT_ADMIN;
        String typed = ChatText.clean(e.getFocusedOption().getValue());
        boolean offerRandom = param.get().offersRandom();
        // the chat's settings may need the database: not on the event thread
        commandWork.execute(() -> e.replyChoices(choices.choices(origin, typed, includeDenied, offerRandom))
                .queue(null, error -> log.debug("Autocomplete answer failed: {}", error.toString())));
    }
}
