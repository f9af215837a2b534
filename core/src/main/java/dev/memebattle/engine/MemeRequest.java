package dev.memebattle.engine;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.MemeTemplate;

/**
 * A platform-neutral request for one meme.
 *
 * @param seed makes AI captions reproducible; a reroll is the same request with a new seed
 */
public record MemeRequest(MemeTemplate template, MemeText text, long seed, ImageFormat format, FilterLevel filter) {

    public static MemeRequest of(MemeTemplate template, MemeText text, long seed) {
        return new MemeRequest(template, text, seed, ImageFormat.JPEG, FilterLevel.STANDARD);
    }

    public MemeRequest withSeed(long newSeed) {
        return new MemeRequest(template, text, newSeed, format, filter);
    }
}
