package dev.memebattle.caption;

import java.util.List;

/**
 * One caption of the shared corpus, as stored (mixed case).
 *
 * @param template  imgflip template name ("Doge")
 * @param imgflipId imgflip's numeric template id
 * @param memegen   key of the matching memegen template, or null
 * @param boxes     text of each box, in order
 */
public record CorpusCaption(String template, String imgflipId, String memegen, long views, long votes,
                            List<String> boxes) {
    public CorpusCaption {
        boxes = List.copyOf(boxes);
    }

    /** Boxes as the model sees them: lowercase, whitespace collapsed, joined with {@code |}. */
    public String modelText() {
        return CaptionText.join(boxes);
    }
}
