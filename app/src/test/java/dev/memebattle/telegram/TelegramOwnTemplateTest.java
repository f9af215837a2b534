package dev.memebattle.telegram;

import dev.memebattle.cli.BotComponents;
import dev.memebattle.picture.TestPictures;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;

/** /meme on someone's photo: sent with the command as its caption, or replied to; through getFile only. */
class TelegramOwnTemplateTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final long ALICE = 1001;
    static final long GROUP = -100777;

    static BotComponents core;
    TelegramTestKit.Running running;
    FakeBotApi api;

    @BeforeAll
    static void core() {
        core = TelegramTestKit.core();
    }

    @AfterAll
    static void closeCore() {
        core.close();
    }

    @BeforeEach
    void start() throws Exception {
        running = TelegramTestKit.start(core, FAST, "");
        api = running.api();
        api.chatType(GROUP, "supergroup");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    static byte[] jpeg(int w, int h) {
        return TestPictures.solid(w, h, "jpeg");
    }

    Call answer(String method, int commandId) {
        return api.awaitOne(method, c -> c.params().path("reply_parameters").path("message_id").asInt() == commandId, WAIT);
    }

    @Test
    void aPhotoWithTheCommandAsItsCaptionBecomesTheMeme() throws Exception {
        byte[] photo = jpeg(800, 600);
        String file = api.storeFile(photo);
        int sent = api.sendPhoto(GROUP, ALICE, file, photo.length, "/meme my dog | my homework");
        Call meme = answer("sendPhoto", sent);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(meme.attached(meme.text("photo"))));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(meme.text("caption")).contains("my dog").contains("my homework");
        assertThat(api.fileDownloads(file)).isEqualTo(1);
    }

    @Test
    void aReplyToAPhotoMemesThatPhoto() throws Exception {
        byte[] photo = jpeg(400, 300);
        String file = api.storeFile(photo);
        int photoMessage = api.sendPhoto(GROUP, ALICE, file, photo.length, "look at this");
        int command = api.replyText(GROUP, ALICE, photoMessage, "/meme@" + TelegramTestKit.BOT + " when it compiles");
        Call meme = answer("sendPhoto", command);
        assertThat(meme.text("caption")).contains("when it compiles");
    }

    @Test
    void anImageSentAsAFileWorksAndOtherFilesAreNoPicture() throws Exception {
        byte[] png = TestPictures.solid(300, 200, "png");
        int sent = api.sendDocument(GROUP, ALICE, api.storeFile(png), png.length, "image/png", "/meme lossless | and proud");
        assertThat(answer("sendPhoto", sent).text("caption")).contains("lossless");

        int pdf = api.sendDocument(GROUP, ALICE, api.storeFile(new byte[]{'%', 'P', 'D', 'F'}), 4, "application/pdf",
                "/meme hi");
        assertThat(answer("sendMessage", pdf).text("text")).as("not a picture: /meme hi is a template name then")
                .contains("template");
    }

    @Test
    void hostileFilesAreRefusedWithOneLineAndOversizedOnesNeverFetched() throws Exception {
        String notes = api.storeFile("#!/bin/sh".getBytes(StandardCharsets.UTF_8));
        int sent = api.sendPhoto(GROUP, ALICE, notes, 9, "/meme hi");
        assertThat(answer("sendMessage", sent).text("text"))
                .isEqualTo("That isn't a picture I can use — send a JPEG, PNG, GIF or WebP.");

        String huge = api.storeFile(jpeg(10, 10));
        sent = api.sendPhoto(GROUP, ALICE, huge, 30L * 1024 * 1024, "/meme hi");
        assertThat(answer("sendMessage", sent).text("text")).isEqualTo("That picture is 30.0 MB; the most I take is 10.0 MB.");
        assertThat(api.fileDownloads(huge)).as("refused from the declared size").isZero();
    }
}
