package dev.memebattle.chat;

import java.util.concurrent.CompletableFuture;

/** One chat command ("/meme", "/templates", …), platform-neutral. */
public interface ChatCommand {

    /** The name users type after the slash. */
    String name();

    /** One line for /help: usage and what it does. */
    String help();

    /** @param args the cleaned text after the command name ("" if none) */
    CompletableFuture<ChatReply> run(ChatOrigin origin, String args);
}
