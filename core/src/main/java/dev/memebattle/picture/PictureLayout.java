package dev.memebattle.picture;

import dev.memebattle.template.FontFace;
import dev.memebattle.template.TextAlign;
import dev.memebattle.template.TextBox;
import dev.memebattle.template.TextStyle;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where the text goes on someone's own picture. */
public enum PictureLayout {
    /** White capitals with an outline at the top and the bottom: the classic image macro. */
    CLASSIC,
    /** One line of classic text at the top. */
    TOP,
    /** One line of classic text at the bottom. */
    BOTTOM,
    /** Black text on a white band above the picture: the modern caption format. */
    BAND;

    /** The band's height as a share of the picture's height (the band is added above it). */
    static final double BAND_SHARE = 0.28;

    /** The boxes, relative to the finished image (for {@link #BAND}: the picture with its band on top). */
    public List<TextBox> boxes() {
        return switch (this) {
            case CLASSIC -> List.of(classic(0.02), classic(0.76));
            case TOP -> List.of(classic(0.02));
            case BOTTOM -> List.of(classic(0.76));
            case BAND -> {
                double band = BAND_SHARE / (1 + BAND_SHARE); // of the whole height
                yield List.of(new TextBox(0.04, band * 0.1, 0.92, band * 0.8, 0, TextStyle.NONE, "#000000",
                        FontFace.THIN, TextAlign.LEFT, 0, 1));
            }
        };
    }

    /** The box counts an AI caption may fill: one or two lines for classic, one elsewhere. */
    public List<Integer> aiBoxCounts() {
        return this == CLASSIC ? List.of(1, 2) : List.of(1);
    }

    public static Optional<PictureLayout> named(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static TextBox classic(double y) {
        return new TextBox(0.03, y, 0.94, 0.22, 0, TextStyle.UPPER, "#ffffff", FontFace.THICK, TextAlign.CENTER, 0, 1);
    }
}
