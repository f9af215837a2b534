package dev.memebattle.engine;

import dev.memebattle.render.RenderedMeme;
import dev.memebattle.template.MemeTemplate;

import java.util.List;

/**
 * A finished meme.
 *
 * @param texts     the final text of every box, as drawn (before style transforms such as capitals)
 * @param aiWritten the caption model (or its fallback) wrote the text
 */
public record Meme(MemeTemplate template, List<String> texts, long seed, boolean aiWritten, RenderedMeme image) {

    public Meme {
        texts = List.copyOf(texts);
    }

    /**
     * The caption as one line, boxes separated by " | "; trailing empty boxes (an AI caption that fills
     * fewer boxes than the layout has) are left out.
     */
    public String caption() {
        int end = texts.size();
        while (end > 1 && texts.get(end - 1).isBlank()) {
            end--;
        }
        return String.join(" | ", texts.subList(0, end));
    }
}
