package dev.memebattle.template;

import java.net.URI;
import java.util.List;

/**
 * A meme template: an image and where text goes on it. Loaded from {@code templates/KEY.yml}.
 *
 * @param key         stable id used in commands and file names ("doge")
 * @param aliases     other names people use, including imgflip's alternative names
 * @param imgflipId   imgflip's numeric template id, or null when the template is not on imgflip
 * @param example     example text, one entry per box
 * @param imageFile   file name of the image ("default.jpg"), in the images directory under {@code key/}
 * @param sourceUrl   public URL the image is downloaded from when no local copy exists
 * @param sha256      hex sha256 of the image bytes; a download that does not match is refused
 * @param aiCapable   the caption corpus has captions for this template
 * @param aiBoxCounts how many filled boxes an AI caption for this template may have: the box counts people
 *                    actually use for it in the caption corpus, sorted ascending, distinct, each 1..boxes.size().
 *                    A caption with k boxes fills the first k boxes; the others stay empty and draw nothing.
 *                    Null means the default, {@code [boxes.size()]} (every box filled; empty for no boxes)
 */
public record MemeTemplate(
        String key, String name, List<String> aliases, String imgflipId,
        List<TextBox> boxes, List<String> example,
        String imageFile, URI sourceUrl, String sha256, boolean aiCapable, List<Integer> aiBoxCounts) {

    public MemeTemplate {
        aliases = List.copyOf(aliases);
        boxes = List.copyOf(boxes);
        example = List.copyOf(example);
        aiBoxCounts = aiBoxCounts == null ? defaultAiBoxCounts(boxes.size()) : checkedBoxCounts(aiBoxCounts, boxes.size());
    }

    /** {@code [boxes]}: every box filled; no counts for a template without boxes. */
    public static List<Integer> defaultAiBoxCounts(int boxes) {
        return boxes == 0 ? List.of() : List.of(boxes);
    }

    private static List<Integer> checkedBoxCounts(List<Integer> counts, int boxes) {
        List<Integer> sorted = counts.stream().sorted().toList(); // NPE on a null entry, like List.copyOf
        if (sorted.isEmpty() && boxes > 0) {
            throw new IllegalArgumentException("aiBoxCounts must not be empty");
        }
        for (int i = 0; i < sorted.size(); i++) {
            int n = sorted.get(i);
            if (n < 1 || n > boxes) {
                throw new IllegalArgumentException("aiBoxCounts " + counts + ": " + n + " is outside 1.." + boxes);
            }
            if (i > 0 && sorted.get(i - 1) == n) {
                throw new IllegalArgumentException("aiBoxCounts " + counts + ": " + n + " is listed twice");
            }
        }
        return sorted;
    }

    public boolean animated() {
        return imageFile.toLowerCase(java.util.Locale.ROOT).endsWith(".gif");
    }
}
