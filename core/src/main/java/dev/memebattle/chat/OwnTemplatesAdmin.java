package dev.memebattle.chat;

import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.SavedTemplateStore;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.picture.UnusablePicture;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.memebattle.chat.AdminCommand.ok;
import static dev.memebattle.chat.AdminCommand.parse;
import static dev.memebattle.chat.AdminCommand.usage;

/**
 * {@code /memeadmin templates add|rename|remove|saving}: a chat's own templates. Admins may do all;
 * where the chat's {@link TemplateSaving} is {@code ANYONE}, members may add, and rename or remove
 * what they added.
 */
final class OwnTemplatesAdmin {

    static final String NAME = "name";
    static final String NEW_NAME = "new_name";
    static final String LAYOUT = "layout";
    static final String PICTURE = "picture";
    static final String WHO = AdminCommand.WHO;
    private static final List<String> MEMBER_ACTIONS = List.of("add", "rename", "remove");

    static final CommandSpec.Subcommand ADD = CommandSpec.Subcommand.of("add", "Save a picture as this chat's own template",
            nameParam(NAME, "One word, e.g. office-cat"),
            CommandSpec.Param.picture(PICTURE, "The picture (JPEG, PNG, GIF, WebP)").asRequired(),
            CommandSpec.Param.choice(LAYOUT, "Where the text goes (default: classic)", "classic", "top", "bottom", "band"));
    static final CommandSpec.Subcommand RENAME = CommandSpec.Subcommand.of("rename", "Rename one of this chat's own templates",
            nameParam(NAME, "Its name now"), nameParam(NEW_NAME, "The new name"));
    static final CommandSpec.Subcommand REMOVE = CommandSpec.Subcommand.of("remove",
            "Delete one of this chat's own templates and its picture", nameParam(NAME, "Its name"));
    static final CommandSpec.Subcommand SAVING = CommandSpec.Subcommand.of("saving",
            "Who may add templates (they may rename and remove their own)",
            CommandSpec.Param.choice(WHO, "Who may add", "admins", "anyone").asRequired());

    private final ChatSettingsStore settings;
    private final TemplateResolver templates;
    private final SavedTemplates saved;

    OwnTemplatesAdmin(ChatSettingsStore settings, TemplateResolver templates, SavedTemplates saved) {
        this.settings = settings;
        this.templates = templates;
        this.saved = saved;
    }

    private static CommandSpec.Param nameParam(String name, String description) {
        return CommandSpec.Param.text(name, description, SavedTemplates.MAX_NAME_CHARS).asRequired();
    }

    /** {@code templates add|rename|remove|saving}: this class's part of {@code /memeadmin}. */
    static boolean handles(CommandInput input) {
        return input.path().size() == 2 && input.action().equals("templates")
                && (MEMBER_ACTIONS.contains(input.path().get(1)) || input.path().get(1).equals(SAVING.name()));
    }

    /** A member (not an admin) may add, rename and remove where the chat opened saving to everyone. */
    boolean permits(ChatOrigin origin, CommandInput input) {
        return handles(input) && MEMBER_ACTIONS.contains(input.path().get(1))
                && settings.get(origin.chatKey()).saving() == TemplateSaving.ANYONE;
    }

    /** {@code action} is {@code add}, {@code rename}, {@code remove} or {@code saving}. */
    ChatReply run(ChatOrigin origin, String action, CommandInput input) {
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

    /** "2 of 50, 1.3 of 25.0 MB": how much of its quota a chat uses. */
    String quotaUsed(List<SavedTemplate> own) {
        SavedTemplateStore.Quota quota = saved.quota();
        long bytes = own.stream().mapToLong(SavedTemplate::bytes).sum();
        return own.size() + " of " + quota.maxCount() + ", " + megabytes(bytes) + " of " + megabytes(quota.maxBytes()) + " MB";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    static String layoutName(PictureLayout layout) {
        return layout.name().toLowerCase(Locale.ROOT);
    }
}
