package dev.memebattle.chat;

import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;

/** What the core decided to answer; adapters translate it to their platform. */
public sealed interface ChatReply {

    /**
     * A short text answer.
     *
     * @param problem an error or refusal (adapters show these privately where they can)
     */
    record Text(String text, boolean problem) implements ChatReply {
        public static Text info(String text) {
            return new Text(text, false);
        }

        public static Text problem(String text) {
            return new Text(text, true);
        }
    }

    /** A meme to post; {@code request} is kept by the adapter so a reroll can repeat it with a new seed. */
    record Posted(Meme meme, MemeRequest request) implements ChatReply {
        /** The line posted with the image: template name and the caption (mention-safe). */
        public String caption() {
            return ChatText.mentionSafe(meme.template().name() + ": " + meme.caption());
        }
    }
}
