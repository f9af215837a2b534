package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.template.MemeTemplate;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /memeadmin …}: chat settings, for chat admins only. The admin flag comes from the
 * adapter's own check with the platform (see {@link ChatOrigin#admin()}), never from the user.
 */
public final class AdminCommand implements ChatCommand {


    private final ChatSettingsStore settings;
    private final TemplateResolver templates;
    private final ChatCommand battles;

    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates) {
        this(settings, templates, null);
    }

    /** @param battles handles {@code /memeadmin battle …} (the battle feature's admin command); null = no battles */
    public AdminCommand(ChatSettingsStore settings, TemplateResolver templates, ChatCommand battles) {
        this.settings = settings;
        this.templates = templates;
        this.battles = battles;
    }

    @Override
    public String name() {
        return "memeadmin";
    }

    @Override
    public String help() {
        return "/memeadmin templates allow|deny|reset|list [template], cooldown <seconds>, filter off|standard|strict, "
                + "reroll requester|anyone, battle on|off|minutes <n>|rounds <n>|starters anyone|admins — admins only";
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
        String[] words = args.strip().split(" ", 2);
        if (battles != null && origin.admin() && words[0].equalsIgnoreCase("battle")) {
            return battles.run(origin, words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "");
        }
        return CompletableFuture.completedFuture(decide(origin, args));
    }

    private ChatReply decide(ChatOrigin origin, String args) {
        if (!origin.admin()) {
            return ChatReply.Text.problem("Only the chat's admins can change my settings.");
        }
        String[] words = args.strip().toLowerCase(Locale.ROOT).split(" ", 3);
        String what = words[0];
        String value = words.length > 1 ? words[1] : "";
        String rest = words.length > 2 ? words[2] : "";
        String chat = origin.chatKey();
        switch (what) {
            case "templates":
                return templatesCommand(chat, value, rest);
            case "battle":
                return ChatReply.Text.problem("Usage: " + help()); // with battles, run() hands these on
            case "cooldown":
                if (!value.matches("\\d{1,6}")) {
                    return usage("cooldown <seconds>, e.g. /memeadmin cooldown 30 (0 turns it off)");
                }
                int seconds = Math.min(ChatSettings.MAX_COOLDOWN_SECONDS, Integer.parseInt(value));
                settings.update(chat, s -> s.withCooldown(seconds));
                return ok(seconds == 0 ? "Cooldown off." : "Cooldown set: one meme per user every " + seconds + " s.");
            case "filter":
                Optional<FilterLevel> level = parse(FilterLevel.class, value);
                if (level.isEmpty()) {
                    return usage("filter off|standard|strict");
                }
                settings.update(chat, s -> s.withFilter(level.get()));
                return ok("Content filter: " + level.get().name().toLowerCase(Locale.ROOT) + ".");
            case "reroll":
                Optional<RerollPolicy> policy = parse(RerollPolicy.class, value);
                if (policy.isEmpty()) {
                    return usage("reroll requester|anyone");
                }
                settings.update(chat, s -> s.withReroll(policy.get()));
                return ok(policy.get() == RerollPolicy.ANYONE ? "Anyone can reroll memes with " + Rerolls.EMOJI + "."
                        : "Only the person who asked for a meme can reroll it.");
            default:
                return ChatReply.Text.problem("Usage: " + help());
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
                    return ChatReply.Text.problem(templates.unknownMessage(query));
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
        return ChatReply.Text.info(text);
    }

    private static ChatReply usage(String usage) {
        return ChatReply.Text.problem("Usage: /memeadmin " + usage);
    }
}
