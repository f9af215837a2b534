package dev.memebattle.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level of the bot's own log lines for commands whose output is the point (the console's chat,
 * bench's numbers): a server logs each meme, these do not.
 */
final class OwnLogLevel {

    private OwnLogLevel() {
    }

    /** From now on only lines at {@code level} or above, unless MEMEBATTLE_LOG_LEVEL asks otherwise. */
    static void atLeast(Level level) {
        if (System.getenv("MEMEBATTLE_LOG_LEVEL") == null) {
            ((Logger) LoggerFactory.getLogger("dev.memebattle")).setLevel(level);
        }
    }
}
