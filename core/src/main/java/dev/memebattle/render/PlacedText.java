package dev.memebattle.render;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * A box's fitted text placed on the output image (rotation applied), with its colours: drawn as an outline
 * stroke, then the fill on top. Immutable; one instance is painted on every frame where the box shows.
 *
 * @param glyphs  glyph outlines in image pixels
 * @param clip    the rotated box's bounding rectangle (plus the outline): nothing is drawn outside it
 * @param stroke  outline stroke width in pixels
 */
public record PlacedText(Shape glyphs, Rectangle clip, TextColors colors, float stroke) {

    /**
     * @param box   the box in image pixels (before rotation)
     * @param angle degrees around the box centre, counter-clockwise as seen on the image: the template data
     *              (memegen, drawn with PIL) uses that convention, e.g. "Change My Mind"'s sign rises to the
     *              right at 23 degrees
     */
    public static PlacedText place(FittedText text, Rectangle2D box, double angle, TextColors colors) {
        AffineTransform toImage = AffineTransform.getTranslateInstance(box.getCenterX(), box.getCenterY());
        if (angle != 0) {
            toImage.rotate(Math.toRadians(-angle)); // Java2D rotates clockwise (y points down)
        }
        toImage.translate(-box.getWidth() / 2, -box.getHeight() / 2);
        Shape glyphs = toImage.createTransformedShape(text.glyphs());
        Rectangle2D rotatedBox = toImage.createTransformedShape(
                new Rectangle2D.Double(0, 0, box.getWidth(), box.getHeight())).getBounds2D();
        Rectangle clip = rotatedBox.getBounds();
        clip.grow(1, 1);
        return new PlacedText(glyphs, clip, colors, text.strokeWidth());
    }

    public void paint(Graphics2D g) {
        Shape oldClip = g.getClip();
        g.clip(clip);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        if (stroke > 0) {
            g.setColor(colors.outline());
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(glyphs);
        }
        g.setColor(colors.fill());
        g.fill(glyphs);
        g.setClip(oldClip);
    }
}
