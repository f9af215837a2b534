package dev.memebattle.chat;

import java.util.concurrent.CompletableFuture;

/**
 * One chat command ("/meme", "/templates", …), platform-neutral: declared by its {@link #spec()},
 * read from text by {@link #parse}, run on typed {@link CommandInput}. Faces with typed options
 * (Discord) build the input themselves; text faces (Telegram, console) parse it.
 */
public interface ChatCommand {

    CommandSpec spec();

    /** The name users type after the slash. */
    default String name() {
        return spec().name();
    }

    /** One line for /help: usage and what it does. */
    default String help() {
        return spec().help();
    }

    /**
     * The text form ("doge wow" of {@code /meme doge wow}) as input. The default reads subcommand
     * words, then the options in order, the last one taking the rest.
     */
    default CommandInput parse(String args) {
        return TextGrammar.parse(spec(), args);
    }

    /**
     * Where a platform can answer privately (Discord), whether this answer is for everyone: a meme, a
     * battle's announcement, a leaderboard. Lists, settings and refusals stay private.
     */
    default boolean answersInPublic(CommandInput input) {
        return false;
    }

    /** Runs the command; who may run it is checked before (see {@link ChatCommands#run}). */
    CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input);
}
