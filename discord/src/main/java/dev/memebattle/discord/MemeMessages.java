package dev.memebattle.discord;

import dev.memebattle.battle.EntryPosted;
import dev.memebattle.battle.RoundClosed;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.engine.Meme;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import java.util.List;

/**
 * Turns the core's replies into Discord messages. Every message allows no mentions at all (on top
 * of JDA's global default), so generated or user text can never ping anyone.
 */
final class MemeMessages {

    /** Discord's limit for message content. */
    static final int MAX_CONTENT = 2000;

    private MemeMessages() {
    }

    static MessageCreateData meme(ChatReply.Posted posted) {
        return new MessageCreateBuilder()
                .setContent(content(posted.caption()))
                .setFiles(file(posted))
                .setAllowedMentions(List.of())
                .build();
    }

    /** The same meme as an edit of an existing message: the new image replaces the old one. */
    static MessageEditData memeEdit(ChatReply.Posted posted) {
        return new MessageEditBuilder()
                .setContent(content(posted.caption()))
                .setAttachments(file(posted))
                .setAllowedMentions(List.of())
                .build();
    }

    /** A battle entry: the player's meme with the line that names them (the 👍 is added afterwards). */
    static MessageCreateData entry(EntryPosted entry) {
        return new MessageCreateBuilder()
                .setContent(content(entry.caption()))
                .setFiles(file(entry.meme(), entry.meme().template().key()))
                .setAllowedMentions(List.of())
                .build();
    }

    /** A round's results: ranking and points, with the winner's meme when there is one. */
    static MessageCreateData results(RoundClosed results) {
        MessageCreateBuilder builder = new MessageCreateBuilder()
                .setContent(content(results.summary()))
                .setAllowedMentions(List.of());
        results.winnerMeme().ifPresent(meme -> builder.setFiles(file(meme, "winner-" + meme.template().key())));
        return builder.build();
    }

    static MessageCreateData text(String text) {
        return new MessageCreateBuilder().setContent(content(text)).setAllowedMentions(List.of()).build();
    }

    static MessageEditData textEdit(String text) {
        return new MessageEditBuilder().setContent(content(text)).setAllowedMentions(List.of()).build();
    }

    private static FileUpload file(ChatReply.Posted posted) {
        return file(posted.meme(), posted.meme().template().key());
    }

    private static FileUpload file(Meme meme, String name) {
        var image = meme.image();
        return FileUpload.fromData(image.bytes(), name + "." + image.fileExtension());
    }

    static String content(String text) {
        String safe = ChatText.mentionSafe(text == null ? "" : text);
        return safe.length() <= MAX_CONTENT ? safe : safe.substring(0, MAX_CONTENT - 1) + "…";
    }
}
