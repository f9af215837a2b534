package dev.memebattle.chat;

import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;

/** What the core decided to answer; adapters translate it to their platform. */
public sealed interface ChatReply {

    /** What a face shows: the answer's text, a list page, a meme's caption line. */
    String text();

    /** A short answer. */
    record Text(String text) implements ChatReply {
    }

    /**
     * The one way the core says no: a refusal or an error, with what to do next. Faces show these
     * privately where they can.
     *
     * @param kind why, for the metrics: an operator tells "busy" and "failed" from a plain no
     */
    record Refused(String text, Kind kind) implements ChatReply {
        public Refused(String text) {
            this(text, Kind.NO);
        }

        public enum Kind {
            /** Not allowed, not found, not possible: the user can do something else. */
            NO,
            /** The meme workers were full ("try again in N s"). */
            BUSY,
            /** Something broke. */
            FAILED
        }
    }

    /**
     * One page of a longer list. Faces that have buttons offer the neighbouring pages: the same
     * command again with {@code arguments} and the page number as its last word.
     *
     * @param command   the command that made the list
     * @param arguments its text-form arguments without the page ("dog" of {@code /templates dog 2})
     */
    record Page(String text, int page, int pages, String command, String arguments) implements ChatReply {
        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        /** The text-form arguments that show page {@code n} of the same list. */
        public String argumentsFor(int n) {
            return (arguments + " " + n).strip();
        }
    }

    /** A meme to post; {@code request} is kept by the adapter so a reroll can repeat it with a new seed. */
    record Posted(Meme meme, MemeRequest request) implements ChatReply {
        /** The line posted with the image: template name and the caption (mention-safe). */
        @Override
        public String text() {
            return caption();
        }

        public String caption() {
            return ChatText.mentionSafe(meme.template().name() + ": " + meme.caption());
        }

        /** Whether a 🔁 would change anything: only where the AI wrote (some of) the text. */
        public boolean rerollable() {
            return request.text() instanceof MemeText.Ai;
        }
    }
}
