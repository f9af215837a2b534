package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;

import java.util.List;

/** Writes the text of every box of a template. */
public interface CaptionWriter {

    /**
     * @param prefix words the caption must start with ("" for none); may contain '|' to fill
     *               the first boxes and continue in the next one
     * @param seed   the same seed gives the same caption
     * @return one text per box of the template (exactly {@code template.boxes().size()} entries)
     */
    List<String> write(MemeTemplate template, String prefix, long seed, FilterLevel filter);
}
