package dev.memebattle.template;

/**
 * One text area of a template. Geometry is relative to the image (0..1): the box's top-left
 * corner is ({@code anchorX}, {@code anchorY}) and its size ({@code scaleX}, {@code scaleY}).
 * {@code angle} is in degrees, counter-clockwise around the box centre (memegen's convention). For animated templates the box
 * is shown from {@code start} to {@code stop}, as fractions of the animation's duration.
 *
 * @param color a CSS-like colour as written by the template ("white", "#fff05c")
 */
public record TextBox(
        double anchorX, double anchorY, double scaleX, double scaleY, double angle,
        TextStyle style, String color, FontFace font, TextAlign align,
        double start, double stop) {
}
