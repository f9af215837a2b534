package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.PicturesConfig;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.TestPictures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.memebattle.discord.DiscordBotTest.ALICE;
import static dev.memebattle.discord.DiscordBotTest.BOB;
import static dev.memebattle.discord.DiscordBotTest.MOD;
import static dev.memebattle.discord.DiscordBotTest.WAIT;
import static dev.memebattle.discord.DiscordBotTest.answerTo;
import static dev.memebattle.discord.DiscordBotTest.callback;
import static dev.memebattle.discord.DiscordBotTest.ephemeral;
import static dev.memebattle.discord.DiscordBotTest.image;
import static dev.memebattle.discord.DiscordBotTest.message;
import static dev.memebattle.discord.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server's own templates (/memeadmin templates add|rename|remove), through the real JDA, the fake
 * Discord's CDN and a real SQLite file: saved, listed, offered, used, turned off, renamed, removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordSavedOwnTemplateTest {

    static final String CHAT = "discord:" + GUILD_ID;
    static final int QUOTA = 3;

    FakeDiscord discord;
    BotComponents core;
    DiscordBot bot;

    @BeforeAll
    void connect() throws Exception {
        discord = new FakeDiscord();
        core = SeededCoreFixture.create(DiscordBotTest.config(discord, "")
                .withPictures(new PicturesConfig(null, null, null, null, QUOTA, 5)));
        bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
    }

    @AfterEach
    void forgetTheServersTemplates() {
        core.saved().list(CHAT).forEach(t -> core.saved().remove(CHAT, t.name()));
        core.settings().update(CHAT, s -> dev.memebattle.chat.ChatSettings.DEFAULTS);
    }

    @AfterAll
    void disconnect() throws Exception {
        bot.close();
        core.close();
        discord.close();
    }

    /** {@code /memeadmin templates add name:… [layout:…] picture:…} by {@code user}; the answer's text. */
    private JsonNode add(FakeDiscord.User user, String name, String layout, FakeDiscord.Attachment picture)
            throws InterruptedException {
        List<JsonNode> options = new ArrayList<>(List.of(discord.option("name", name), discord.picture("picture", picture)));
        if (layout != null) {
            options.add(discord.option("layout", layout));
        }
        ObjectNode add = discord.sub("add", options.toArray(JsonNode[]::new));
        return answer(discord.slashWithResolved(user, "memeadmin", picture, discord.group("templates", add)));
    }

    private JsonNode admin(FakeDiscord.User user, String sub, JsonNode... options) throws InterruptedException {
        return answer(discord.slash(user, "memeadmin", discord.group("templates", discord.sub(sub, options))));
    }

    private JsonNode answer(FakeDiscord.Sent sent) throws InterruptedException {
        return message(discord.await(answerTo(sent), WAIT));
    }

    private RecordedRequest meme(FakeDiscord.User user, String template, String text) throws InterruptedException {
        FakeDiscord.Sent sent = text == null ? discord.slash(user, "meme", discord.option("template", template))
                : discord.slash(user, "meme", discord.option("template", template), discord.option("text", text));
        return discord.await(answerTo(sent), WAIT);
    }

    @Test
    void anAdminSavesAPictureAndTheServerMemesIt() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("office.png", TestPictures.solid(400, 300, "png"));
        JsonNode saved = add(MOD, "Office-Cat", "band", picture);
        assertThat(saved.path("content").asText()).startsWith("Saved office-cat (band).");
        assertThat(ephemeral(saved)).isTrue();
        assertThat(discord.attachmentDownloads(picture.id())).isEqualTo(1);

        RecordedRequest posted = meme(ALICE, "office-cat", "when the build is green |");
        assertThat(posted.multipart()).as("a meme, not a refusal: " + posted).isTrue();
        BufferedImage meme = image(posted);
        // the modern format: a white band with the caption above the picture (0.28 of its height)
        assertThat(meme.getWidth()).isEqualTo(400);
        assertThat(meme.getHeight()).isEqualTo(384);
        assertThat(darkPixels(meme, 0, 84)).as("black text on the band").isGreaterThan(200);
        assertThat(meme.getRGB(200, 300) & 0xffffff).as("the picture below, untouched").isEqualTo(0x4682b4);
        assertThat(posted.json().path("content").asText()).contains("when the build is green");

        // the AI captions it too (the model's generic template)
        RecordedRequest ai = meme(ALICE, "office-cat", null);
        assertThat(ai.multipart()).isTrue();

        String list = answer(discord.slash(ALICE, "templates")).path("content").asText();
        assertThat(list).contains("• office-cat — this chat's own (1 box");
        List<String> offered = autocomplete("meme", discord.focused("template", "offi"));
        assertThat(offered.get(0)).isEqualTo("office-cat");
    }

    @Test
    void aSavedTemplateIsTurnedOffRenamedAndRemovedLikeAnyOther() throws Exception {
        add(MOD, "our-boss", null, discord.attachment("boss.png", TestPictures.solid(300, 300, "png")));
        assertThat(admin(MOD, "deny", discord.option("template", "our-boss")).path("content").asText())
                .isEqualTo("our-boss is turned off here.");
        assertThat(message(meme(ALICE, "our-boss", "hi | there")).path("content").asText()).contains("turned off");
        assertThat(admin(MOD, "list").path("content").asText()).contains("Turned off: our-boss")
                .contains("This chat's own: our-boss (classic)");
        admin(MOD, "allow", discord.option("template", "our-boss"));

        assertThat(admin(MOD, "rename", discord.option("name", "our-boss"), discord.option("new_name", "big-boss"))
                .path("content").asText()).isEqualTo("Renamed our-boss to big-boss.");
        assertThat(meme(ALICE, "big-boss", "monday | again").multipart()).isTrue();
        String key = core.saved().named(CHAT, "big-boss").orElseThrow().key();

        assertThat(admin(MOD, "remove", discord.option("name", "big-boss")).path("content").asText())
                .isEqualTo("Removed big-boss and its picture.");
        assertThat(message(meme(ALICE, "big-boss", "hi")).path("content").asText())
                .startsWith("I don't know the template");
        assertThat(core.saved().list(CHAT)).isEmpty();
        assertThat(core.saved().byKey(key)).as("the picture went with it").isEmpty();
    }

    @Test
    void aSavedTemplateStaysInItsServerAndCannotTakeAShippedName() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("p.png", TestPictures.solid(64, 64, "png"));
        assertThat(add(MOD, "doge", null, picture).path("content").asText())
                .isEqualTo("\"doge\" is already the template \"Doge\" — pick another name.");
        assertThat(add(MOD, "two words", null, picture).path("content").asText()).isEqualTo("Saved two-words (classic)."
                + " Try /meme two-words — or /meme two-words top text | bottom text.");
        assertThat(add(MOD, "no/slashes", null, picture).path("content").asText()).startsWith("A template name is one word");
        assertThat(core.templates().find("discord:another-server", "two-words")).isEmpty();
    }

    @Test
    void membersCannotAddUntilTheServerOpensItAndThenOnlyChangeTheirOwn() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("mine.png", TestPictures.solid(80, 60, "png"));
        JsonNode refused = add(ALICE, "alices", null, picture);
        assertThat(refused.path("content").asText()).isEqualTo("Only the chat's admins can use /memeadmin.");
        assertThat(discord.attachmentDownloads(picture.id())).as("nothing fetched for a refused member").isZero();
        assertThat(core.saved().list(CHAT)).isEmpty();

        assertThat(admin(MOD, "saving", discord.option("who", "anyone")).path("content").asText())
                .startsWith("Everyone here can add templates now");
        assertThat(add(ALICE, "alices", null, picture).path("content").asText()).startsWith("Saved alices");
        assertThat(admin(BOB, "remove", discord.option("name", "alices")).path("content").asText())
                .isEqualTo("Only admins, or whoever added alices, can remove it.");
        assertThat(admin(BOB, "deny", discord.option("template", "alices")).path("content").asText())
                .as("the rest of /memeadmin stays with admins").isEqualTo("Only the chat's admins can use /memeadmin.");
        assertThat(admin(ALICE, "remove", discord.option("name", "alices")).path("content").asText())
                .isEqualTo("Removed alices and its picture.");
    }

    @Test
    void theQuotaHoldsAndARefusedAddStoresNothing() throws Exception {
        for (int i = 1; i <= QUOTA; i++) {
            assertThat(add(MOD, "t" + i, null, discord.attachment(i + ".png", TestPictures.solid(50 + i, 50, "png")))
                    .path("content").asText()).startsWith("Saved t" + i);
        }
        JsonNode full = add(MOD, "one-more", null, discord.attachment("x.png", TestPictures.solid(60, 60, "png")));
        assertThat(full.path("content").asText()).startsWith("This chat's own templates are full: 3 of 3 templates");
        assertThat(core.saved().list(CHAT)).extracting(SavedTemplate::name).containsExactly("t1", "t2", "t3");
    }

    @Test
    void hostilePicturesAreRefusedWithOneLineAndNothingIsStored() throws Exception {
        byte[] png = TestPictures.solid(200, 200, "png");
        List<FakeDiscord.Attachment> hostile = List.of(
                discord.attachment("notes.png", "rm -rf /".getBytes(StandardCharsets.UTF_8)),
                discord.attachment("cut.png", Arrays.copyOf(png, png.length / 2)),
                discord.attachment("bomb.png", TestPictures.pngBomb(20_000)),
                discord.attachment("long.gif", TestPictures.gif(1000)));
        for (FakeDiscord.Attachment a : hostile) {
            JsonNode answer = add(MOD, "evil", null, a);
            assertThat(answer.path("content").asText()).as(a.filename()).doesNotStartWith("Saved").doesNotContain("\n")
                    .doesNotContain("Exception");
            assertThat(ephemeral(answer)).isTrue();
        }
        FakeDiscord.Attachment real = discord.attachment("x.png", png);
        FakeDiscord.Attachment declaredHuge = new FakeDiscord.Attachment(real.id(), "huge.png", png, 25L * 1024 * 1024, real.url());
        assertThat(add(MOD, "evil", null, declaredHuge).path("content").asText()).startsWith("That picture is 25.0 MB");
        FakeDiscord.Attachment elsewhere = new FakeDiscord.Attachment(real.id(), "x.png", png, png.length, "http://127.0.0.2:9/x.png");
        assertThat(add(MOD, "evil", null, elsewhere).path("content").asText())
                .isEqualTo("I only take pictures attached on Discord itself.");
        assertThat(discord.attachmentDownloads(real.id())).isZero();
        assertThat(core.saved().list(CHAT)).isEmpty();
    }

    @Test
    void aRerollOfASavedTemplatesMemeUsesTheSameTemplate() throws Exception {
        add(MOD, "rerollme", "top", discord.attachment("r.png", TestPictures.solid(320, 200, "png")));
        RecordedRequest posted = meme(ALICE, "rerollme", null);
        String id = posted.responseId();
        discord.await(DiscordBotTest.reaction(id), WAIT);
        discord.react(ALICE, id, DiscordBotTest.REROLL);
        RecordedRequest edited = discord.await(DiscordBotTest.edit(id).and(RecordedRequest::multipart), WAIT);
        assertThat(image(edited).getWidth()).isEqualTo(320);
        assertThat(image(edited).getHeight()).isEqualTo(200);
    }

    @Test
    void aBattleCanBeFoughtOnASavedTemplate() throws Exception {
        add(MOD, "arena", null, discord.attachment("arena.png", TestPictures.solid(360, 240, "png")));
        JsonNode started = answer(discord.slash(ALICE, "battle", discord.sub("start", discord.option("template", "arena"))));
        assertThat(started.path("content").asText()).contains("\"arena\" (arena, 2 boxes)");
        discord.slash(BOB, "battle", discord.sub("enter", discord.option("text", "my entry | wins")));
        RecordedRequest entry = discord.await(DiscordBattleTest.channelPost("my entry").and(RecordedRequest::multipart), WAIT);
        assertThat(image(entry).getWidth()).isEqualTo(360);
        answer(discord.slash(ALICE, "battle", discord.sub("cancel")));
    }

    private List<String> autocomplete(String command, ObjectNode... options) throws InterruptedException {
        FakeDiscord.Sent sent = discord.autocomplete(ALICE, command, options);
        JsonNode choices = discord.await(callback(sent), WAIT).json().path("data").path("choices");
        List<String> values = new ArrayList<>();
        choices.forEach(c -> values.add(c.path("value").asText()));
        return values;
    }

    private static int darkPixels(BufferedImage image, int fromY, int toY) {
        int dark = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
