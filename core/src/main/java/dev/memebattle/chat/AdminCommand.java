package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.SavedTemplates;
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
    private static final String HELP_USAGE = "/memeadmin templates allow|deny|reset|list [template], "
            + "templates add <name> [classic|top|bottom|band] (with a picture), templates rename <name> <new name>, "
            + "templates remove <name>, templates saving admins|anyone, cooldown <seconds>, "
            + "filter off|standard|strict, reroll requester|anyone, battle on|off|minutes <n>|rounds <n>|starters anyone|admins";

    private final ChatSettingsStore settings;
    private final TemplateResolver templates;
    private final SavedTemplates saved;
    private final OwnTemplatesAdmin ownTemplates;
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
        this.ownTemplates = new OwnTemplatesAdmin(settings, templates, saved);
        this.battles = battles;
        List<CommandSpec.Subcommand> subs = new ArrayList<>();
        subs.add(CommandSpec.Subcommand.group("templates", "Which templates may be used here",
                CommandSpec.Subcommand.of("allow", "Allow a template (again)", templateParam()),
                CommandSpec.Subcommand.of("deny", "Turn a template off here", templateParam()),
                CommandSpec.Subcommand.of("reset", "Allow all templates again"),
                CommandSpec.Subcommand.of("list", "Show the allowed, turned-off and own templates"),
                OwnTemplatesAdmin.ADD, OwnTemplatesAdmin.RENAME, OwnTemplatesAdmin.REMOVE, OwnTemplatesAdmin.SAVING));
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
        return origin.admin() || ownTemplates.permits(origin, input);
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
                if (OwnTemplatesAdmin.handles(input)) {
                    return ownTemplates.run(origin, input.path().get(1), input);
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
                            .append(own.stream().map(t -> t.name() + " (" + OwnTemplatesAdmin.layoutName(t.layout()) + ")")
                                    .collect(Collectors.joining(", ")))
                            .append(" — ").append(ownTemplates.quotaUsed(own));
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

    /** Keys as people know them: a chat's own template by its name. */
    private String handles(java.util.Set<String> keys) {
        return keys.stream().map(k -> templates.byKey(k).map(TemplateResolver::handle).orElse(k))
                .collect(Collectors.joining(", "));
    }

    private static String shown(MemeTemplate template) {
        return SavedTemplates.isSaved(template) ? template.name()
                : "\"" + template.name() + "\" (" + template.key() + ")";
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static ChatReply ok(String text) {
        return new ChatReply.Text(text);
    }

    static ChatReply usage(String usage) {
        return new ChatReply.Refused("Usage: /memeadmin " + usage);
    }
}
