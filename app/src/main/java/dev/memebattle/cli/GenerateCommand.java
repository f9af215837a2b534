package dev.memebattle.cli;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.Outcome;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeResult;
import dev.memebattle.engine.MemeText;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.UnusablePicture;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** Makes one meme and writes it to a file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Make one meme and write it to a file; prints the final text.",
                "Example: generate --template doge --text \"such test|very bar\" --out meme.jpg"})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-t", "--template"}, required = true,
            description = "Template key, name or alias (typos are forgiven), or the path of your own picture (JPEG, PNG, GIF, WebP).")
    String template;

    @Option(names = "--layout", description = "For your own picture: classic, top, bottom or band (black text on a white band above it). Default: classic.")
    String layout;

    @ArgGroup(exclusive = true)
    TextChoice text = new TextChoice();

    static final class TextChoice {
        @Option(names = "--text", description = "Your own text, boxes separated by | (\"top|bottom\").")
        String own;

        @Option(names = "--prefix", description = "Let the AI write the caption, starting with these words.")
        String prefix;
    }

    @Option(names = "--seed", description = "Seed for the AI caption (same seed, same caption). Default: random.")
    Long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output file (default: a new file in the console output folder).")
    Path out;

    @Option(names = "--format", description = "jpeg or png (animated templates are always gif). Default: from --out's extension, else jpeg.")
    String format;

    @Option(names = "--filter", defaultValue = "standard", description = "Content filter for AI text: off, standard, strict.")
    FilterLevel filter;

    @Override
    public Integer call() throws IOException {
        // what it prints is the result, and a problem is its one line: no start-up lines, no font warnings
        OwnLogLevel.atLeast(ch.qos.logback.classic.Level.ERROR);
        try (MemeCore bot = MemeCore.create(options.load())) {
            Path picture = Path.of(template);
            Optional<MemeTemplate> found;
            if (Files.isRegularFile(picture)) {
                Optional<PictureLayout> chosen = PictureLayout.named(layout == null ? "classic" : layout);
                if (chosen.isEmpty()) {
                    System.err.println("generate: --layout is classic, top, bottom or band, not \"" + layout + "\".");
                    return 2;
                }
                try {
                    found = Optional.of(bot.pictures().template(bot.pictureReader().read(picture), chosen.get()));
                } catch (UnusablePicture e) {
                    System.err.println("generate: " + picture + ": " + e.getMessage());
                    return 2;
                }
            } else {
                if (layout != null) {
                    System.err.println("generate: --layout is for your own picture; \"" + template
                            + "\" is not a file (templates have their own layout).");
                    return 2;
                }
                found = bot.templates().find(TemplateResolver.NO_CHAT, ChatText.clean(template));
                if (found.isEmpty()) {
                    System.err.println(bot.templates().unknownMessage(TemplateResolver.NO_CHAT, ChatText.clean(template)));
                    return 2;
                }
            }
            Optional<ImageFormat> asked = imageFormat();
            if (asked.isEmpty()) {
                System.err.println("generate: only jpeg, png and gif can be written (animated templates are gif): "
                        + "use --format jpeg|png or an --out ending in .jpg, .png or .gif.");
                return 2;
            }
            MemeText memeText = text.own != null
                    ? MemeText.own(ChatText.clean(text.own))
                    : new MemeText.Ai(ChatText.clean(text.prefix));
            Outcome<MemeText> fitted = ChatPolicy.fit(found.get(), memeText); // the same rule as in chat
            if (fitted instanceof Outcome.Refused<MemeText> refused) {
                System.err.println("generate: " + refused.reason());
                return 2;
            }
            memeText = ((Outcome.Ok<MemeText>) fitted).value();
            long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            MemeRequest request = new MemeRequest(found.get(), memeText, s, asked.get(), filter);
            MemeResult result = bot.memes().generate(request);
            if (!(result instanceof MemeResult.Done done)) {
                String message = result instanceof MemeResult.Busy b ? b.message() : ((MemeResult.Failed) result).message();
                System.err.println(TemplateImageStore.withOfflineHint(message));
                return 1;
            }
            String made = done.meme().image().fileExtension();
            if (out != null && extension(out).isPresent() && !sameFormat(extension(out).get(), made)) {
                // e.g. an animated template asked for as .jpg: never GIF bytes in a .jpg file
                System.err.println("generate: \"" + found.get().name() + "\" makes a ." + made + " image; use --out "
                        + out.getFileName().toString().replaceAll("\\.[^.]*$", "") + "." + made + ".");
                return 2;
            }
            Path file = out != null ? MemeFiles.write(done.meme(), out)
                    : MemeFiles.save(done.meme(), Path.of(bot.config().console().outDir()));
            System.out.println(done.meme().caption());
            System.out.println("→ " + file.toAbsolutePath() + " (" + done.meme().image().width() + "×"
                    + done.meme().image().height() + ", " + done.meme().image().bytes().length / 1024 + " KB, seed " + s + ")");
            return 0;
        }
    }

    /** From --format, else --out's extension, else JPEG; empty for a format we cannot write. */
    private Optional<ImageFormat> imageFormat() {
        String f = format != null ? format : out != null ? extension(out).orElse("jpeg") : "jpeg";
        return switch (f.toLowerCase(java.util.Locale.ROOT)) {
            case "jpg", "jpeg" -> Optional.of(ImageFormat.JPEG);
            case "png" -> Optional.of(ImageFormat.PNG);
            case "gif" -> Optional.of(ImageFormat.GIF);
            default -> Optional.empty();
        };
    }

    private static Optional<String> extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? Optional.empty() : Optional.of(name.substring(dot + 1));
    }

    private static boolean sameFormat(String extension, String made) {
        String e = extension.toLowerCase(java.util.Locale.ROOT);
        return e.equals(made) || (e.equals("jpeg") || e.equals("jpg")) && (made.equals("jpg") || made.equals("jpeg"));
    }
}
