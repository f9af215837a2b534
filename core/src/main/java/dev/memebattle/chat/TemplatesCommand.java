package dev.memebattle.chat;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateMatch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code /templates [query] [page]}: a paged list of templates, best matches first. */
public final class TemplatesCommand implements ChatCommand {

    static final int PAGE_SIZE = 15;

    private final TemplateCatalog catalog;

    public TemplatesCommand(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "templates";
    }

    @Override
    public String help() {
        return "/templates [search] [page] — list templates, e.g. /templates dog";
    }

    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, String args) {
        String query = args.strip();
        int page = 1;
        int lastSpace = query.lastIndexOf(' ');
        String last = query.substring(lastSpace + 1);
        if (last.matches("\\d{1,4}")) {
            page = Math.max(1, Integer.parseInt(last));
            query = lastSpace < 0 ? "" : query.substring(0, lastSpace).strip();
        }
        List<MemeTemplate> found = query.isEmpty()
                ? catalog.all()
                : catalog.search(query, catalog.all().size()).stream().map(TemplateMatch::template).toList();
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(ChatReply.Text.problem("No template matches " + ChatText.quoted(query) + "."));
        }
        int pages = (found.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        page = Math.min(page, pages);
        StringBuilder text = new StringBuilder();
        text.append(query.isEmpty() ? "Templates" : "Templates matching " + ChatText.quoted(query))
                .append(" (page ").append(page).append('/').append(pages).append(", ").append(found.size()).append(" in all)\n");
        for (MemeTemplate t : found.subList((page - 1) * PAGE_SIZE, Math.min(found.size(), page * PAGE_SIZE))) {
            text.append("• ").append(t.key()).append(" — ").append(t.name())
                    .append(" (").append(t.boxes().size()).append(t.boxes().size() == 1 ? " box" : " boxes")
                    .append(t.aiCapable() ? ", AI" : "").append(")\n");
        }
        if (page < pages) {
            text.append("More: /templates ").append(query.isEmpty() ? "" : query + " ").append(page + 1);
        }
        return CompletableFuture.completedFuture(ChatReply.Text.info(ChatText.mentionSafe(text.toString().strip())));
    }
}
