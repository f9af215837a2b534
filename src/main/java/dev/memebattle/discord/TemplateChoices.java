package dev.memebattle.discord;

import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateMatch;
import net.dv8tion.jda.api.interactions.commands.Command;

import java.util.List;

/** Autocomplete for template options: the catalog's ranked search, minus what the server turned off. */
final class TemplateChoices {

    /** Discord's limits for autocomplete answers. */
    static final int MAX_CHOICES = 25;
    static final int MAX_NAME = 100;

    private final TemplateCatalog catalog;
    private final ChatPolicy policy;

    TemplateChoices(TemplateCatalog catalog, ChatPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    /**
     * @param includeDenied true for the admin's "allow" command, which needs the turned-off ones
     */
    List<Command.Choice> choices(ChatOrigin origin, String typed, boolean includeDenied) {
        // Search everything, then filter: a server that denies many templates still gets 25 choices.
        return catalog.search(typed, catalog.size()).stream()
                .map(TemplateMatch::template)
                .filter(t -> includeDenied || policy.permits(origin, t))
                .limit(MAX_CHOICES)
                .map(t -> new Command.Choice(label(t), t.key()))
                .toList();
    }

    static String label(MemeTemplate t) {
        String label = t.name().equalsIgnoreCase(t.key()) ? t.name() : t.name() + " (" + t.key() + ")";
        return label.length() <= MAX_NAME ? label : label.substring(0, MAX_NAME - 1) + "…";
    }
}
