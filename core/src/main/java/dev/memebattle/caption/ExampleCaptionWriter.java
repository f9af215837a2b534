package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fallback writer when no caption model is available: the template's example text, with the
 * user's prefix taking the place of the first boxes. It keeps the bot useful for user-written
 * text and prefixes even when the model file is missing or broken.
 */
public final class ExampleCaptionWriter implements CaptionWriter {

    @Override
    public List<String> write(MemeTemplate template, String prefix, long seed, FilterLevel filter) {
        int boxes = template.boxes().size();
        List<String> texts = new ArrayList<>(template.example());
        while (texts.size() < boxes) {
            texts.add("");
        }
        String p = prefix == null ? "" : prefix.strip();
        if (!p.isEmpty() && boxes > 0) {
            String[] parts = p.split("\\|", -1);
            for (int i = 0; i < parts.length && i < boxes; i++) {
                texts.set(i, parts[i].strip());
            }
            if (parts.length > boxes) {
                texts.set(boxes - 1, String.join(" ", Arrays.asList(parts).subList(boxes - 1, parts.length)).strip());
            }
        }
        return List.copyOf(texts.subList(0, boxes));
    }
}
