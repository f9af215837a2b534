package dev.memebattle.cli;

import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.UnusablePicture;
import dev.memebattle.template.TemplateImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A local chat: type the same commands as in Discord or Telegram; memes are written to files.
 * Needs no token, so it is the first thing a newcomer runs.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Chat with the bot locally: type /meme doge wow, /meme drake no | yes, /templates dog.",
                "Memes are written to the output folder and their paths printed."})
public final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: console.out_dir in the config, 'out').")
    Path outDir;

    @Option(names = {"-v", "--verbose"}, description = "Show the bot's log lines (one per meme, with timing).")
    boolean verbose;

    /**
     * "/meme ~/photo.jpg top | bottom": here, on the operator's own machine, a local file may be the
     * picture (never in a chat on a platform, where pictures come only from the platform's files).
     */
    private static Optional<CompletableFuture<ChatReply>> ownPicture(BotComponents bot, ChatOrigin me, String message) {
        String[] words = message.split("\\s+", 3);
        if (words.length < 2 || !words[0].equalsIgnoreCase("/meme")) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(words[1].startsWith("~/") ? System.getProperty("user.home") + words[1].substring(1) : words[1]);
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            bot.memeCommand().pictureLimits().checkSize(Files.size(file));
            return Optional.of(bot.memeCommand().fromPicture(me, Files.readAllBytes(file), PictureLayout.CLASSIC,
                    ChatText.clean(words.length > 2 ? words[2] : "")));
        } catch (UnusablePicture e) {
            return Optional.of(CompletableFuture.completedFuture(new ChatReply.Refused(e.getMessage())));
        } catch (IOException e) {
            return Optional.of(CompletableFuture.completedFuture(
                    new ChatReply.Refused("Cannot read " + file + " (" + e.getClass().getSimpleName() + ").")));
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!verbose) {
            // The console is a chat, not a server: keep log lines out of the conversation (its answers say
            // what went wrong; --verbose shows the logs).
            OwnLogLevel.atLeast(ch.qos.logback.classic.Level.ERROR);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BotComponents bot = BotComponents.create(options.load())) {
            bot.battles().startScheduler(); // battle rounds close at their deadline here too
            Path dir = outDir != null ? outDir : Path.of(bot.config().console().outDir());
            Files.createDirectories(dir); // an unusable --out is one line now, not after the first meme
            // the local user owns this chat, like a private chat on Telegram: they may change its settings
            ChatOrigin me = new ChatOrigin("console", "console", System.getProperty("user.name", "you"), true);
            out.println("MemeBattle console — " + bot.catalog().all().size() + " templates. Try: /meme doge wow, "
                    + "/meme drake no | yes, /templates dog, /help. /quit (or Ctrl-D) to leave.");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; prompt(out) && (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String text = line.strip();
                String message = text.startsWith("/") ? text : "/" + text;
                if (message.equalsIgnoreCase("/quit") || message.equalsIgnoreCase("/exit")) {
                    break;
                }
                // "meme doge wow" is a command without its slash; "hello" is just text, not "/hello"
                boolean chatter = !text.startsWith("/") && bot.chat().command(text.split("\\s+", 2)[0]).isEmpty();
                var pending = chatter ? Optional.<CompletableFuture<ChatReply>>empty()
                        : ownPicture(bot, me, message).or(() -> bot.chat().handle(me, message, null));
                if (pending.isEmpty()) {
                    out.println("Commands start with /, e.g. /meme doge wow (/help lists them).");
                    continue;
                }
                ChatReply reply = pending.get().join();
                if (reply instanceof ChatReply.Posted posted) {
                    out.println(posted.caption());
                    try {
                        out.println("→ " + MemeFiles.save(posted.meme(), dir).toAbsolutePath());
                    } catch (IOException e) {
                        out.println("Could not save it in " + dir + " (" + e.getClass().getSimpleName() + ": "
                                + e.getMessage() + "); free some space or start with another -o.");
                    }
                } else if (reply instanceof ChatReply.Page page) {
                    out.println(page.text());
                } else {
                    out.println(TemplateImageStore.withOfflineHint(reply.text()));
                }
            }
            out.println();
        }
        return 0;
    }

    private static boolean prompt(PrintStream out) {
        out.print("> ");
        out.flush();
        return true;
    }
}
