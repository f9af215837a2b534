package dev.memebattle.engine;

/** The outcome of a request: a meme, "busy, try later", or a short user-safe failure message. */
public sealed interface MemeResult {

    /** @param cacheHit the image came from the render cache */
    record Done(Meme meme, boolean cacheHit, long millis) implements MemeResult {
    }

    record Busy(int retryAfterSeconds) implements MemeResult {
        public String message() {
            return "I'm busy making other memes — try again in " + retryAfterSeconds + " s.";
        }
    }

    record Failed(String message) implements MemeResult {
    }
}
