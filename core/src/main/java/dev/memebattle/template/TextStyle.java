package dev.memebattle.template;

/** How a box transforms the user's text before drawing. */
public enum TextStyle {
    /** All capitals (classic Impact memes). */
    UPPER,
    /** As typed. */
    NONE,
    /** aLtErNaTiNg CaPs (mocking SpongeBob). */
    MOCK
}
