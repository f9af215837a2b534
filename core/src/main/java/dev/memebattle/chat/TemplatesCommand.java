package dev.memebattle.chat;

import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateMatch;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /templates [query] [page]}: a paged list of templates, best matches first; with
 * {@code example} a template's own example meme.
 */
public final class TemplatesCommand implements ChatCommand {

    static final int PAGE_SIZE = 15;
    public static final String QUERY = "query";
    /** Searches that mean "the animated ones". */
    private static final Set<String> ANIMATED = Set.of("gif", "gifs", "animated");
    /** Searches that mean "this chat's own" (when it has any; otherwise they are plain searches). */
    private static final Set<String> OWN = Set.of("own", "mine", "ours");
    public static final String PAGE = "page";
    public static final String EXAMPLE = "example";
    /** The highest page anyone may ask for (a bound for the platforms' number options). */
    public static final int MAX_PAGE = 1000;
    private static final CommandSpec SPEC = new CommandSpec("templates", "List the meme templates", "/templates [search] [page]",
            "list templates, e.g. /templates dog (/templates mine: this chat's own)", CommandSpec.Who.ANYONE, CommandSpec.ANYWHERE,
            List.of(CommandSpec.Param.text(QUERY, "Search, e.g. dog", 60),
                    CommandSpec.Param.integer(PAGE, "Page number", 1, MAX_PAGE),
                    CommandSpec.Param.template(EXAMPLE, "Show this template's example meme")),
            List.of());

    private final TemplateResolver templates;
    private final MemeCommand memes;

    /** @param memes renders a template's example ({@link MemeCommand#example}) */
    public TemplatesCommand(TemplateResolver templates, MemeCommand memes) {
        this.templates = templates;
        this.memes = memes;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** "dog 2": a trailing number is the page, the rest the search. */
    @Override
    public CommandInput parse(String args) {
        String query = args.strip();
        Map<String, String> values = new HashMap<>();
        int lastSpace = query.lastIndexOf(' ');
        String last = query.substring(lastSpace + 1);
        if (last.matches("\\d{1,4}")) {
            values.put(PAGE, last);
            query = lastSpace < 0 ? "" : query.substring(0, lastSpace).strip();
        }
        values.put(QUERY, query);
        return CommandInput.of(List.of(), values);
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        if (input.has(EXAMPLE)) {
            return memes.example(origin, input.text(EXAMPLE));
        }
        String query = input.text(QUERY);
        int page = Math.max(1, input.integer(PAGE).orElse(1));
        String chat = origin.chatKey();
        List<MemeTemplate> all = templates.all(chat);
        List<MemeTemplate> found;
        if (query.isEmpty()) {
            found = all;
        } else if (ANIMATED.contains(query.toLowerCase(Locale.ROOT))) {
            found = all.stream().filter(MemeTemplate::animated).toList(); // no template is named so
        } else if (OWN.contains(query.toLowerCase(Locale.ROOT)) && !templates.saved(chat).isEmpty()) {
            found = templates.saved(chat);
        } else {
            found = templates.search(chat, query, all.size()).stream().map(TemplateMatch::template).toList();
        }
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(new ChatReply.Refused("No template matches " + ChatText.quoted(query) + "."));
        }
        int pages = (found.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        page = Math.min(page, pages);
        StringBuilder text = new StringBuilder();
        text.append(query.isEmpty() ? "Templates" : "Templates matching " + ChatText.quoted(query))
                .append(" (page ").append(page).append('/').append(pages).append(", ").append(found.size()).append(" in all)\n");
        for (MemeTemplate t : found.subList((page - 1) * PAGE_SIZE, Math.min(found.size(), page * PAGE_SIZE))) {
            text.append("• ").append(TemplateResolver.handle(t)).append(" — ")
                    .append(SavedTemplates.isSaved(t) ? "this chat's own" : t.name())
                    .append(" (").append(t.boxes().size()).append(t.boxes().size() == 1 ? " box" : " boxes")
                    .append(t.animated() ? ", GIF" : "").append(t.aiCapable() ? ", AI" : "").append(")\n");
        }
        if (page < pages) {
            text.append("More: /templates ").append(query.isEmpty() ? "" : query + " ").append(page + 1);
        }
        return CompletableFuture.completedFuture(new ChatReply.Page(ChatText.mentionSafe(text.toString().strip()), page,
                pages, name(), query));
    }
}
