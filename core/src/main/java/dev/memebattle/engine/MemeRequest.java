package dev.memebattle.engine;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.MemeTemplate;

/**
 * A platform-neutral request for one meme.
 *
 * @param seed     makes AI captions reproducible; a reroll is the same request with a new seed
 * @param maxBytes the most the image may weigh, if less than the renderer's own limit (0: that limit);
 *                 e.g. 1 MB for a GIF Telegram fetches by URL. Larger renders are scaled down.
 */
public record MemeRequest(MemeTemplate template, MemeText text, long seed, ImageFormat format, FilterLevel filter,
                          int maxBytes) {

    public MemeRequest(MemeTemplate template, MemeText text, long seed, ImageFormat format, FilterLevel filter) {
        this(template, text, seed, format, filter, 0);
    }

    public static MemeRequest of(MemeTemplate template, MemeText text, long seed) {
        return new MemeRequest(template, text, seed, ImageFormat.JPEG, FilterLevel.STANDARD);
    }

    public MemeRequest withSeed(long newSeed) {
        return new MemeRequest(template, text, newSeed, format, filter, maxBytes);
    }

    public MemeRequest withMaxBytes(int bytes) {
        return new MemeRequest(template, text, seed, format, filter, bytes);
    }
}
