package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.picture.TestPictures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static dev.memebattle.discord.DiscordBotTest.ALICE;
import static dev.memebattle.discord.DiscordBotTest.WAIT;
import static dev.memebattle.discord.DiscordBotTest.answerTo;
import static dev.memebattle.discord.DiscordBotTest.ephemeral;
import static dev.memebattle.discord.DiscordBotTest.image;
import static dev.memebattle.discord.DiscordBotTest.message;
import static org.assertj.core.api.Assertions.assertThat;

/** /meme with an attached picture instead of a template, through the real JDA and the fake Discord's CDN. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordOwnTemplateTest {

    FakeDiscord discord;
    BotComponents core;
    DiscordBot bot;

    @BeforeAll
    void connect() throws Exception {
        discord = new FakeDiscord();
        core = SeededCoreFixture.create(DiscordBotTest.config(discord, ""));
        bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
    }

    @AfterAll
    void disconnect() throws Exception {
        bot.close();
        core.close();
        discord.close();
    }

    static byte[] png(int w, int h) {
        return TestPictures.solid(w, h, "png");
    }

    /** The answer's message (the acknowledgement or the follow-up), after the answer arrived. */
    private JsonNode answer(FakeDiscord.Sent sent) throws InterruptedException {
        return message(discord.await(answerTo(sent), WAIT));
    }

    @Test
    void anAttachedPictureBecomesTheMeme() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("cat.png", png(640, 480));
        FakeDiscord.Sent sent = discord.slashWithAttachment(ALICE, "meme", "picture", picture,
                discord.option("text", "my cat | my keyboard"));
        var posted = discord.await(answerTo(sent).and(r -> r.multipart()), WAIT);
        BufferedImage meme = image(posted);
        assertThat(meme.getWidth()).isEqualTo(640);
        assertThat(meme.getHeight()).isEqualTo(480);
        assertThat(posted.json().path("content").asText()).contains("my cat").contains("my keyboard");
        assertThat(discord.attachmentDownloads(picture.id())).isEqualTo(1);
    }

    @Test
    void notAPictureIsRefusedWithOneLine() throws Exception {
        FakeDiscord.Attachment notes = discord.attachment("notes.png", "rm -rf /".getBytes(StandardCharsets.UTF_8));
        JsonNode answer = answer(discord.slashWithAttachment(ALICE, "meme", "picture", notes));
        assertThat(answer.path("content").asText()).isEqualTo("That isn't a picture I can use — send a JPEG, PNG, GIF or WebP.");
        assertThat(ephemeral(answer)).isTrue();
    }

    @Test
    void aPictureOnAnotherHostIsNeverFetched() throws Exception {
        FakeDiscord.Attachment real = discord.attachment("x.png", png(10, 10));
        FakeDiscord.Attachment elsewhere = new FakeDiscord.Attachment(real.id(), "x.png", real.bytes(), real.bytes().length,
                "http://127.0.0.2:9/x.png");
        JsonNode answer = answer(discord.slashWithAttachment(ALICE, "meme", "picture", elsewhere));
        assertThat(answer.path("content").asText()).isEqualTo("I only take pictures attached on Discord itself.");
        assertThat(discord.attachmentDownloads(real.id())).isZero();
    }

    @Test
    void aPictureOverTheLimitIsRefusedBeforeDownloading() throws Exception {
        FakeDiscord.Attachment real = discord.attachment("huge.png", png(10, 10));
        FakeDiscord.Attachment declaredHuge = new FakeDiscord.Attachment(real.id(), "huge.png", real.bytes(),
                25L * 1024 * 1024, real.url());
        JsonNode answer = answer(discord.slashWithAttachment(ALICE, "meme", "picture", declaredHuge));
        assertThat(answer.path("content").asText()).startsWith("That picture is 25.0 MB; the most I take is 10.0 MB.");
        assertThat(discord.attachmentDownloads(real.id())).isZero();
    }

    @Test
    void makeAMemeOnAMessageWithAPictureLetsTheAiCaptionIt() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("sunset.png", png(500, 300));
        FakeDiscord.Sent sent = discord.messageCommand(ALICE, SlashCommands.MAKE_A_MEME, DiscordBotTest.BOB, picture);
        var posted = discord.await(answerTo(sent).and(r -> r.multipart()), WAIT);
        assertThat(image(posted).getWidth()).isEqualTo(500);
        assertThat(posted.json().path("content").asText()).as("an AI caption").isNotBlank();
        String messageId = posted.responseId();
        discord.await(DiscordBotTest.reaction(messageId), WAIT); // 🔁 for another caption

        JsonNode none = answer(discord.messageCommand(ALICE, SlashCommands.MAKE_A_MEME, DiscordBotTest.BOB, null));
        assertThat(none.path("content").asText()).contains("no picture");
        assertThat(ephemeral(none)).isTrue();
    }

    @Test
    void aTemplateAndAPictureTogetherAreRefused() throws Exception {
        FakeDiscord.Attachment picture = discord.attachment("cat.png", png(40, 30));
        JsonNode answer = answer(discord.slashWithAttachment(ALICE, "meme", "picture", picture,
                discord.option("template", "doge")));
        assertThat(answer.path("content").asText()).contains("not both");
    }
}
