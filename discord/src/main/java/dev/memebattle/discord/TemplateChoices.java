package dev.memebattle.discord;

import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateMatch;
import net.dv8tion.jda.api.interactions.commands.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Autocomplete for template options: the server's own templates and the shipped ones, ranked,
 * minus what the server turned off.
 */
final class TemplateChoices {

    /** Discord's limits for autocomplete answers. */
    static final int MAX_CHOICES = 25;
    static final int MAX_NAME = 100;
    static final String RANDOM_LABEL = "🎲 Random template";

    private final TemplateResolver templates;
    private final ChatPolicy policy;

    TemplateChoices(TemplateResolver templates, ChatPolicy policy) {
        this.templates = templates;
        this.policy = policy;
    }

    /**
     * @param includeDenied true for the admin's "allow" command, which needs the turned-off ones
     * @param offerRandom   true for /meme, which takes {@link MemeCommand#RANDOM} as a template
     */
    List<Command.Choice> choices(ChatOrigin origin, String typed, boolean includeDenied, boolean offerRandom) {
        List<Command.Choice> choices = new ArrayList<>();
        if (offerRandom && MemeCommand.RANDOM.startsWith(typed.strip().toLowerCase(Locale.ROOT))) {
            choices.add(new Command.Choice(RANDOM_LABEL, MemeCommand.RANDOM));
        }
        // Search everything, then filter: a server that denies many templates still gets 25 choices.
        templates.search(origin.chatKey(), typed, Integer.MAX_VALUE).stream()
                .map(TemplateMatch::template)
                .filter(t -> includeDenied || policy.permits(origin, t))
                .limit(MAX_CHOICES - choices.size())
                .map(t -> new Command.Choice(label(t), TemplateResolver.handle(t)))
                .forEach(choices::add);
        return choices;
    }

    static String label(MemeTemplate t) {
        String label = SavedTemplates.isSaved(t) ? t.name() + " (this server's own)"
                : t.name().equalsIgnoreCase(t.key()) ? t.name() : t.name() + " (" + t.key() + ")";
        return label.length() <= MAX_NAME ? label : label.substring(0, MAX_NAME - 1) + "…";
    }
}
