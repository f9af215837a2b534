package dev.memebattle.template;

/** The face a box asks for; the renderer maps it to an installed font. */
public enum FontFace {
    /** Bold condensed, Impact-like. */
    THICK,
    /** Regular sans. */
    THIN,
    /** Comic-like handwriting (falls back to a regular sans when not installed). */
    COMIC
}
