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
     * The text form read for a chat: commands that take a template know the chat's own ones here
     * ("/meme office-cat wow"). The default is {@link #parse(String)}.
     */
    default CommandInput parse(ChatOrigin origin, String args) {
        return parse(args);
    }

    /**
     * Whether {@code origin} may run this: its {@link CommandSpec#who()} by default; a command whose
     * chat can open an admin action to everyone decides here (checked before any picture is fetched).
     */
    default boolean permits(ChatOrigin origin, CommandInput input) {
        return spec().who() == CommandSpec.Who.ANYONE || origin.admin();
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
