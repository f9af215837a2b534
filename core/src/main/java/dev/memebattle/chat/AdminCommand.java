package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.template.MemeTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /memeadmin …}: chat settings, for chat admins only. The admin flag comes from the
 * adapter's own check with the platform (see {@link ChatOrigin#admin()}), never from the user.
 */
public final class AdminCommand implements ChatCommand {

    public static final String TEMPLATE = "template";
    public static final String SECONDS = "seconds";
    public static final String LEVEL = "level";
    public static final String WHO = "who";
    private static final String HELP_USAGE = "/memeadmin templates allow|deny|reset|list [template], cooldown <seconds>, "
            + "filter off|standard|strict, reroll requester|anyone, battle on|off|minutes <n>|rounds <n>|starters anyone|admins";

    private final ChatSettingsStore settings;
    private final TemplateResolver templates;
    private final ChatCommand battles;
    private final CommandSpec spec;

    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates) {
        this(settings, templates, null);
    }

    /**
     * @param battles the battle feature's admin command: its subcommands become {@code /memeadmin battle …};
     *                null = no battles
     */
    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates, ChatCommand battles) {
        this.settings = settings;
        this.templates = templates;
        this.battles = battles;
        List<CommandSpec.Subcommand> subs = new ArrayList<>();
        subs.add(CommandSpec.Subcommand.group("templates", "Which templates may be used here",
                CommandSpec.Subcommand.of("allow", "Allow a template (again)", templateParam()),
                CommandSpec.Subcommand.of("deny", "Turn a template off here", templateParam()),
                CommandSpec.Subcommand.of("reset", "Allow all templates again"),
                CommandSpec.Subcommand.of("list", "Show the allowed and turned-off templates")));
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
                if (s.allowed().isEmpty() && s.denied().isEmpty()) {
                    return ok("All templates are allowed here.");
                }
                StringBuilder text = new StringBuilder();
                if (!s.allowed().isEmpty()) {
                    text.append("Only these templates: ").append(String.join(", ", s.allowed())).append('\n');
                }
                if (!s.denied().isEmpty()) {
                    text.append("Turned off: ").append(String.join(", ", s.denied()));
                }
                return ok(text.toString().strip());
            }
            case "reset":
                settings.update(chat, ChatSettings::resetTemplates);
                return ok("All templates are allowed again.");
            case "allow":
            case "deny": {
                if (query.isBlank()) {
                    return usage("templates " + action + " <template>");
                }
                Optional<MemeTemplate> template = templates.find(query);
                if (template.isEmpty()) {
                    return new ChatReply.Refused(templates.unknownMessage(query));
                }
                String key = template.get().key();
                if (action.equals("deny")) {
                    settings.update(chat, s -> s.deny(key));
                    return ok("\"" + template.get().name() + "\" (" + key + ") is turned off here.");
                }
                settings.update(chat, s -> s.allow(key));
                return ok("\"" + template.get().name() + "\" (" + key + ") is allowed here.");
            }
            default:
                return usage("templates allow|deny|reset|list [template]");
        }
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
