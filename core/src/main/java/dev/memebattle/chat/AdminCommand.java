package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.SavedTemplateStore;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.picture.UnusablePicture;
import dev.memebattle.template.MemeTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code /memeadmin …}: chat settings, for chat admins only. The admin flag comes from the
 * adapter's own check with the platform (see {@link ChatOrigin#admin()}), never from the user.
 */
public final class AdminCommand implements ChatCommand {

    public static final String TEMPLATE = "template";
    public static final String SECONDS = "seconds";
    public static final String LEVEL = "level";
    public static final String WHO = "who";
    public static final String NAME = "name";
    public static final String NEW_NAME = "new_name";
    public static final String LAYOUT = "layout";
    public static final String PICTURE = "picture";
    private static final String HELP_USAGE = "/memeadmin templates allow|deny|reset|list [template], "
            + "templates add <name> [classic|top|bottom|band] (with a picture), templates rename <name> <new name>, "
            + "templates remove <name>, templates saving admins|anyone, cooldown <seconds>, "
            + "filter off|standard|strict, reroll requester|anyone, battle on|off|minutes <n>|rounds <n>|starters anyone|admins";

    private final ChatSettingsStore settings;
    private final TemplateResolver templates;
    private final SavedTemplates saved;
    private final ChatCommand battles;
    private final CommandSpec spec;

    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates, SavedTemplates saved) {
        this(settings, templates, saved, null);
    }

    /**
     * @param saved   the chats' own templates ({@code templates add|rename|remove})
     * @param battles the battle feature's admin command: its subcommands become {@code /memeadmin battle …};
     *                null = no battles
     */
    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates, SavedTemplates saved,
                        ChatCommand battles) {
        this.settings = settings;
        this.templates = templates;
        this.saved = saved;
        this.battles = battles;
        List<CommandSpec.Subcommand> subs = new ArrayList<>();
        subs.add(CommandSpec.Subcommand.group("templates", "Which templates may be used here",
                CommandSpec.Subcommand.of("allow", "Allow a template (again)", templateParam()),
                CommandSpec.Subcommand.of("deny", "Turn a template off here", templateParam()),
                CommandSpec.Subcommand.of("reset", "Allow all templates again"),
                CommandSpec.Subcommand.of("list", "Show the allowed, turned-off and own templates"),
                CommandSpec.Subcommand.of("add", "Save a picture as this chat's own template",
                        nameParam(NAME, "One word, e.g. office-cat"),
                        CommandSpec.Param.picture(PICTURE, "The picture (JPEG, PNG, GIF, WebP)").asRequired(),
                        CommandSpec.Param.choice(LAYOUT, "Where the text goes (default: classic)",
                                "classic", "top", "bottom", "band")),
                CommandSpec.Subcommand.of("rename", "Rename one of this chat's own templates",
                        nameParam(NAME, "Its name now"), nameParam(NEW_NAME, "The new name")),
                CommandSpec.Subcommand.of("remove", "Delete one of this chat's own templates and its picture",
                        nameParam(NAME, "Its name")),
                CommandSpec.Subcommand.of("saving", "Who may add templates (they may rename and remove their own)",
                        CommandSpec.Param.choice(WHO, "Who may add", "admins", "anyone").asRequired())));
        if (battles != null) {
            subs.add(new CommandSpec.Subcommand("battle", "Meme battle settings", List.of(),
                    battles.spec().subcommands()));
        }
        subs.add(CommandSpec.Subcommand.of("cooldown", "Minimum time between two memes of one member",
                CommandSpec.Param.integer(SECONDS, "0 turns it off", 0, ChatSettings.MAX_COOLDOWN_SECONDS).asRequired()));
        subs.add(CommandSpec.Subcommand.of("filter", "Content filter for AI captions",
                CommandSpec.Param.choice(LEVEL, "Filter level", "off", "standard", "strict").asRequired()));
        subs.add(CommandSpec.Subcommand.of("reroll", "Who may reroll a meme with " + Rerolls.EMOJI,
                CommandSpec.Param.choice(WHO, "Who may reroll", "requester", "anyone").asRequired()));
        this.spec = new CommandSpec("memeadmin", "Meme settings for this chat (admins)", HELP_USAGE, "admins only", CommandSpec.Who.CHAT_ADMIN,
                CommandSpec.SHARED_CHATS, List.of(), subs);
    }

    private static CommandSpec.Param nameParam(String name, String description) {
        return CommandSpec.Param.text(name, description, SavedTemplates.MAX_NAME_CHARS).asRequired();
    }

    private static CommandSpec.Param templateParam() {
        return CommandSpec.Param.template(TEMPLATE, "Template").asRequired();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    /** Admins; and where the chat opened it, everyone for adding, renaming and removing its own templates. */
    @Override
    public boolean permits(ChatOrigin origin, CommandInput input) {
        return origin.admin() || (ownTemplateAction(input) && settings.get(origin.chatKey()).saving() == TemplateSaving.ANYONE);
    }

    private static boolean ownTemplateAction(CommandInput input) {
        return input.path().size() == 2 && input.action().equals("templates")
                && List.of("add", "rename", "remove").contains(input.path().get(1));
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        if (battles != null && input.action().equals("battle")) {
            return battles.run(origin, new CommandInput(input.path().subList(1, input.path().size()), input.values(),
                    input.unexpected()));
        }
        return CompletableFuture.completedFuture(decide(origin, input));
    }

    private ChatReply decide(ChatOrigin origin, CommandInput input) {
        String chat = origin.chatKey();
        switch (input.action()) {
            case "templates":
                if (ownTemplateAction(input) || input.path().size() > 1 && input.path().get(1).equals("saving")) {
                    return ownTemplates(origin, input.path().get(1), input);
                }
                return templatesCommand(chat, input.path().size() > 1 ? input.path().get(1) : "", input.text(TEMPLATE));
            case "cooldown":
                Optional<Integer> given = input.integer(SECONDS).filter(v -> v >= 0);
                if (given.isEmpty()) {
                    return usage("cooldown <seconds>, e.g. /memeadmin cooldown 30 (0 turns it off)");
                }
                int seconds = Math.min(ChatSettings.MAX_COOLDOWN_SECONDS, given.get());
                settings.update(chat, s -> s.withCooldown(seconds));
                return ok(seconds == 0 ? "Cooldown off." : "Cooldown set: one meme per user every " + seconds + " s.");
            case "filter":
                Optional<FilterLevel> level = parse(FilterLevel.class, input.choice(LEVEL));
                if (level.isEmpty()) {
                    return usage("filter off|standard|strict");
                }
                settings.update(chat, s -> s.withFilter(level.get()));
                return ok("Content filter: " + level.get().name().toLowerCase(Locale.ROOT) + ".");
            case "reroll":
                Optional<RerollPolicy> policy = parse(RerollPolicy.class, input.choice(WHO));
                if (policy.isEmpty()) {
                    return usage("reroll requester|anyone");
                }
                settings.update(chat, s -> s.withReroll(policy.get()));
                return ok(policy.get() == RerollPolicy.ANYONE ? "Anyone can reroll memes with " + Rerolls.EMOJI + "."
                        : "Only the person who asked for a meme can reroll it.");
            default:
                return new ChatReply.Refused("Usage: " + help());
        }
    }

    private ChatReply templatesCommand(String chat, String action, String query) {
        switch (action) {
            case "list": {
                ChatSettings s = settings.get(chat);
                StringBuilder text = new StringBuilder();
                if (s.allowed().isEmpty() && s.denied().isEmpty()) {
                    text.append("All templates are allowed here.\n");
                }
                if (!s.allowed().isEmpty()) {
                    text.append("Only these templates: ").append(handles(s.allowed())).append('\n');
                }
                if (!s.denied().isEmpty()) {
                    text.append("Turned off: ").append(handles(s.denied())).append('\n');
                }
                List<SavedTemplate> own = saved.list(chat);
                if (!own.isEmpty()) {
                    text.append("This chat's own: ")
                            .append(own.stream().map(t -> t.name() + " (" + layoutName(t.layout()) + ")")
                                    .collect(Collectors.joining(", ")))
                            .append(" — ").append(usage(own));
                }
                return ok(ChatText.mentionSafe(text.toString().strip()));
            }
            case "reset":
                settings.update(chat, ChatSettings::resetTemplates);
                return ok("All templates are allowed again.");
            case "allow":
            case "deny": {
                if (query.isBlank()) {
                    return usage("templates " + action + " <template>");
                }
                Optional<MemeTemplate> template = templates.find(chat, query);
                if (template.isEmpty()) {
                    return new ChatReply.Refused(templates.unknownMessage(chat, query));
                }
                String key = template.get().key();
                String shown = shown(template.get());
                if (action.equals("deny")) {
                    settings.update(chat, s -> s.deny(key));
                    return ok(shown + " is turned off here.");
                }
                settings.update(chat, s -> s.allow(key));
                return ok(shown + " is allowed here.");
            }
            default:
                return usage("templates allow|deny|reset|list [template]");
        }
    }

    /** {@code add}, {@code rename}, {@code remove} and {@code saving} of the chat's own templates. */
    private ChatReply ownTemplates(ChatOrigin origin, String action, CommandInput input) {
        String chat = origin.chatKey();
        if (action.equals("saving")) {
            Optional<TemplateSaving> who = parse(TemplateSaving.class, input.choice(WHO));
            if (who.isEmpty()) {
                return usage("templates saving admins|anyone");
            }
            settings.update(chat, s -> s.withSaving(who.get()));
            return ok(who.get() == TemplateSaving.ANYONE
                    ? "Everyone here can add templates now (and rename or remove their own)."
                    : "Only admins can add templates now.");
        }
        String name = SavedTemplates.normalName(input.text(NAME));
        if (name.isEmpty()) {
            return usage(switch (action) {
                case "add" -> "templates add <name> [classic|top|bottom|band], with the picture";
                case "rename" -> "templates rename <name> <new name>";
                default -> "templates remove <name>";
            });
        }
        if (action.equals("add")) {
            return add(origin, name, input);
        }
        Optional<SavedTemplate> existing = saved.named(chat, name);
        if (existing.isEmpty()) {
            return new ChatReply.Refused(notFound(chat, name));
        }
        if (!origin.admin() && !existing.get().addedBy().equals(origin.userId())) {
            return new ChatReply.Refused("Only admins, or whoever added " + name + ", can " + action + " it.");
        }
        if (action.equals("rename")) {
            String newName = SavedTemplates.normalName(input.text(NEW_NAME));
            Optional<String> problem = nameProblem(newName);
            if (problem.isPresent()) {
                return new ChatReply.Refused(problem.get());
            }
            SavedTemplateStore.Change renamed = saved.rename(chat, name, newName);
            return renamed instanceof SavedTemplateStore.Done ? ok("Renamed " + name + " to " + newName + ".")
                    : refused(renamed, chat);
        }
        SavedTemplateStore.Change removed = saved.remove(chat, name);
        if (removed instanceof SavedTemplateStore.Done done) {
            settings.update(chat, s -> s.forget(done.template().key()));
            return ok("Removed " + name + " and its picture.");
        }
        return refused(removed, chat);
    }

    /** Why a change to the chat's own templates did not happen. */
    private ChatReply refused(SavedTemplateStore.Change change, String chat) {
        if (change instanceof SavedTemplateStore.NameTaken taken) {
            return new ChatReply.Refused("This chat already has a template called " + taken.name()
                    + " — pick another name (or remove that one first).");
        }
        if (change instanceof SavedTemplateStore.QuotaFull full) {
            SavedTemplateStore.Quota quota = saved.quota();
            return new ChatReply.Refused("This chat's own templates are full: " + full.count() + " of " + quota.maxCount()
                    + " templates, " + megabytes(full.bytes()) + " of " + megabytes(quota.maxBytes())
                    + " MB. Remove one with /memeadmin templates remove <name>.");
        }
        return new ChatReply.Refused(notFound(chat, ((SavedTemplateStore.NotFound) change).name()));
    }

    private ChatReply add(ChatOrigin origin, String name, CommandInput input) {
        if (saved.quota().maxCount() == 0) {
            return new ChatReply.Refused("This bot keeps no templates of chats' own (its operator set "
                    + "pictures.saved_per_chat to 0).");
        }
        Optional<String> problem = nameProblem(name);
        if (problem.isPresent()) {
            return new ChatReply.Refused(problem.get());
        }
        String layoutName = input.choice(LAYOUT);
        Optional<PictureLayout> layout = layoutName.isEmpty() ? Optional.of(PictureLayout.CLASSIC) : PictureLayout.named(layoutName);
        if (layout.isEmpty()) {
            return usage("templates add <name> [classic|top|bottom|band], with the picture");
        }
        Optional<byte[]> picture = input.picture(PICTURE);
        if (picture.isEmpty()) {
            return new ChatReply.Refused("Send the picture with the command (attach it, or send it with or in reply to "
                    + "/memeadmin templates add " + name + ").");
        }
        SavedTemplateStore.Change change;
        try {
            change = saved.add(origin.chatKey(), name, layout.get(), picture.get(), origin.userId());
        } catch (UnusablePicture refused) {
            return new ChatReply.Refused(refused.getMessage());
        }
        if (change instanceof SavedTemplateStore.Done done) {
            settings.update(origin.chatKey(), s -> s.alsoAllowing(done.template().key()));
            return ok("Saved " + name + " (" + layoutName(layout.get()) + "). Try /meme " + name
                    + " — or /meme " + name + " top text | bottom text.");
        }
        return refused(change, origin.chatKey());
    }

    /** A name the chat's members could not type, or that means something else already. */
    private Optional<String> nameProblem(String name) {
        if (!SavedTemplates.validName(name)) {
            return Optional.of("A template name is one word of 2–" + SavedTemplates.MAX_NAME_CHARS
                    + " letters, digits, - or _ (e.g. office-cat).");
        }
        if (name.equals(MemeCommand.RANDOM)) {
            return Optional.of("\"random\" already means a random template — pick another name.");
        }
        return templates.shipped().findExact(name)
                .map(t -> ChatText.quoted(name) + " is already the template " + ChatText.quoted(t.name())
                        + " — pick another name.");
    }

    private String notFound(String chat, String name) {
        List<SavedTemplate> own = saved.list(chat);
        return "This chat has no template of its own called " + ChatText.quoted(name)
                + (own.isEmpty() ? "." : " — it has: " + own.stream().map(SavedTemplate::name).collect(Collectors.joining(", ")) + ".");
    }

    private String usage(List<SavedTemplate> own) {
        SavedTemplateStore.Quota quota = saved.quota();
        long bytes = own.stream().mapToLong(SavedTemplate::bytes).sum();
        return own.size() + " of " + quota.maxCount() + ", " + megabytes(bytes) + " of " + megabytes(quota.maxBytes()) + " MB";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    private static String layoutName(PictureLayout layout) {
        return layout.name().toLowerCase(Locale.ROOT);
    }

    /** Keys as people know them: a chat's own template by its name. */
    private String handles(java.util.Set<String> keys) {
        return keys.stream().map(k -> templates.byKey(k).map(TemplateResolver::handle).orElse(k))
                .collect(Collectors.joining(", "));
    }

    private static String shown(MemeTemplate template) {
        return SavedTemplates.isSaved(template) ? template.name()
                : "\"" + template.name() + "\" (" + template.key() + ")";
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static ChatReply ok(String text) {
        return new ChatReply.Text(text);
    }

    private static ChatReply usage(String usage) {
        return new ChatReply.Refused("Usage: /memeadmin " + usage);
    }
}
