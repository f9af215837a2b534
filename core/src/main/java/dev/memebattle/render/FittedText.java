package dev.memebattle.render;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * Text laid out for one box: glyph outlines in box coordinates (origin at the box's top-left corner,
 * before rotation), ready to be stroked (outline) and filled.
 *
 * @param glyphs      outlines of all lines
 * @param fontSize    font size in output pixels
 * @param strokeWidth width of the outline stroke in output pixels (half of it shows outside the glyphs)
 * @param lines       the text of each drawn line (after wrapping and truncation)
 * @param truncated   whether the text did not fit even at the minimum size and was cut with an ellipsis
 */
public record FittedText(Shape glyphs, float fontSize, float strokeWidth, List<String> lines, boolean truncated) {

    public FittedText {
        lines = List.copyOf(lines);
    }

    public static FittedText empty() {
        return new FittedText(new Path2D.Float(), 0f, 0f, List.of(), false);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
