package dev.memebattle.chat;

import dev.memebattle.engine.MemeRequest;
import dev.memebattle.picture.OwnPictures;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.PictureLimits;
import dev.memebattle.picture.PictureReader;
import dev.memebattle.picture.UnusablePicture;
import dev.memebattle.engine.MemeResult;
import dev.memebattle.engine.MemeService;
import dev.memebattle.engine.MemeText;
import dev.memebattle.template.MemeTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * {@code /meme <template> [text]}: text without "|" starts the AI caption, with "|" it is the
 * user's own text for each box, no text lets the AI write everything. {@code random} instead of
 * a template (or a bare {@code /meme}, which is what Telegram's command menu sends) picks one.
 */
public final class MemeCommand implements ChatCommand {

    /** The word that stands for a random template the chat allows. */
    public static final String RANDOM = "random";

    private final TemplateResolver templates;
    private final MemeService memes;
    private final ChatPolicy policy;
    private final RandomGenerator seeds;
    private final PictureReader pictureReader;
    private final OwnPictures pictures;

    public MemeCommand(TemplateResolver templates, MemeService memes, ChatPolicy policy, RandomGenerator seeds,
                       PictureReader pictureReader, OwnPictures pictures) {
        this.templates = templates;
        this.memes = memes;
        this.policy = policy;
        this.seeds = seeds;
        this.pictureReader = pictureReader;
        this.pictures = pictures;
    }

    public static final String TEMPLATE = "template";
    public static final String TEXT = "text";
    public static final String PICTURE = "picture";
    /**
     * Not an option: the whole line as typed on a text face. A picture sent with "/meme doge wow"
     * makes all of it the caption, as the words cannot have meant a template there.
     */
    private static final String LINE = "line";
    private static final CommandSpec SPEC = new CommandSpec("meme",
            "Make a meme: pick a template (or your own picture), optionally start the caption or write it with |",
            "/meme <template> [text]",
            "e.g. /meme doge wow (AI finishes it), /meme drake no | yes (your own text), /meme random",
            CommandSpec.Who.ANYONE, CommandSpec.ANYWHERE,
            List.of(CommandSpec.Param.templateOrRandom(TEMPLATE, "Which meme template (none: random, or your picture)"),
                    CommandSpec.Param.text(TEXT, "Start of the caption (the AI finishes it), or your own text per box: "
                            + "top | bottom", ChatText.MAX_INPUT_CHARS),
                    CommandSpec.Param.picture(PICTURE, "Your own picture instead of a template (JPEG, PNG, GIF, WebP)")),
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public boolean answersInPublic(CommandInput input) {
        return true;
    }

    /** "doge wow": the longest leading template name, then the text; none or "random" picks one. */
    @Override
    public CommandInput parse(String args) {
        return parse(args, templates.splitLeading(args));
    }

    /** As {@link #parse(String)}, with the chat's own templates ("office-cat wow"). */
    @Override
    public CommandInput parse(ChatOrigin origin, String args) {
        return parse(args, templates.splitLeading(origin.chatKey(), args));
    }

    private static CommandInput parse(String args, Optional<TemplateResolver.Split> split) {
        String[] words = args.strip().split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        if (args.isBlank() || words[0].equalsIgnoreCase(RANDOM)) {
            return CommandInput.of(List.of(), Map.of(TEMPLATE, RANDOM, TEXT, rest, LINE, args));
        }
        return split.map(s -> CommandInput.of(List.of(), Map.of(TEMPLATE, s.template().key(), TEXT, s.rest(), LINE, args)))
                .orElse(CommandInput.of(List.of(), Map.of(TEMPLATE, words[0], TEXT, rest, LINE, args)));
    }

    /**
     * With a picture (an attachment, or on a text face the photo sent or replied to), all of the text
     * is the caption: a picture sent with the command line "/meme doge" is still the picture.
     */
    @Override
    public CompletableFuture<ChatReply> run(ChatOrigin origin, CommandInput input) {
        Optional<byte[]> picture = input.picture(PICTURE);
        if (picture.isPresent()) {
            if (input.has(LINE)) {
                return fromPicture(origin, picture.get(), PictureLayout.CLASSIC, input.text(LINE));
            }
            if (input.has(TEMPLATE)) {
                return done(new ChatReply.Refused("Pick a template or attach a picture, not both."));
            }
            return fromPicture(origin, picture.get(), PictureLayout.CLASSIC, input.text(TEXT));
        }
        String query = input.text(TEMPLATE);
        return make(origin, query.isEmpty() ? RANDOM : query, input.text(TEXT));
    }

    /** A template's own example text, rendered (what {@code /templates example:doge} shows). */
    public CompletableFuture<ChatReply> example(ChatOrigin origin, String query) {
        Optional<MemeTemplate> template = templates.find(origin.chatKey(), query);
        if (template.isEmpty()) {
            return done(new ChatReply.Refused(templates.unknownMessage(origin.chatKey(), query)));
        }
        if (policy.template(origin, template.get()) instanceof Outcome.Refused<MemeTemplate> refused) {
            return done(new ChatReply.Refused(refused.reason()));
        }
        MemeTemplate t = template.get();
        return submit(MemeRequest.of(t, new MemeText.Own(t.example()), 0));
    }

    /**
     * For adapters whose platform passes template and text as separate options: {@code query} is a
     * template name (forgiving, as everywhere) or {@link #RANDOM}. Unknown names get suggestions.
     */
    public CompletableFuture<ChatReply> make(ChatOrigin origin, String query, String text) {
        boolean random = query.strip().equalsIgnoreCase(RANDOM);
        Optional<MemeTemplate> template = random ? policy.randomTemplate(origin, templates.all(origin.chatKey()), seeds)
                : templates.find(origin.chatKey(), query);
        if (template.isEmpty()) {
            return done(new ChatReply.Refused(random ? "No template is allowed in this chat."
                    : templates.unknownMessage(origin.chatKey(), query)));
        }
        return make(origin, template.get(), text);
    }

    /**
     * A meme of {@code template} under the chat's rules (the text must already be
     * {@link ChatText#clean cleaned}).
     */
    public CompletableFuture<ChatReply> make(ChatOrigin origin, MemeTemplate template, String text) {
        Outcome<MemeRequest> request = policy.request(origin, template, text, seeds.nextLong());
        if (request instanceof Outcome.Refused<MemeRequest> refused) {
            return done(new ChatReply.Refused(refused.reason()));
        }
        return submit(((Outcome.Ok<MemeRequest>) request).value());
    }

    /**
     * A meme on someone's own picture, with the same text rules as a template ({@code top | bottom},
     * an AI start, or nothing). {@code picture} is what the platform's own file service gave: adapters
     * never fetch a URL a user typed. A picture the bot will not use is refused with one line.
     */
    public CompletableFuture<ChatReply> fromPicture(ChatOrigin origin, byte[] picture, PictureLayout layout, String text) {
        MemeTemplate template;
        try {
            template = pictures.template(pictureReader.read(picture), layout);
        } catch (UnusablePicture e) {
            return done(new ChatReply.Refused(e.getMessage()));
        }
        return make(origin, template, text);
    }

    /** What a picture may be: adapters check the platform's declared size and their downloads against it. */
    public PictureLimits pictureLimits() {
        return pictureReader.limits();
    }

    /** The seed for a reroll: the policy decides whether it may happen ({@link ChatPolicy#again}). */
    public long nextSeed() {
        return seeds.nextLong();
    }

    public CompletableFuture<ChatReply> submit(MemeRequest request) {
        return memes.submit(request).thenApply(result -> toReply(result, request));
    }

    private static ChatReply toReply(MemeResult result, MemeRequest request) {
        if (result instanceof MemeResult.Done done) {
            return new ChatReply.Posted(done.meme(), request);
        }
        if (result instanceof MemeResult.Busy busy) {
            return new ChatReply.Refused(busy.message(), ChatReply.Refused.Kind.BUSY);
        }
        return new ChatReply.Refused(((MemeResult.Failed) result).message(), ChatReply.Refused.Kind.FAILED);
    }

    private static CompletableFuture<ChatReply> done(ChatReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
