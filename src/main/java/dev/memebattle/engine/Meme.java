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

    /** The caption as one line, boxes separated by " | ". */
    public String caption() {
        return String.join(" | ", texts);
    }
}
