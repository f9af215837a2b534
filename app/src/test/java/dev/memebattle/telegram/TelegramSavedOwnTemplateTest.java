package dev.memebattle.telegram;

import dev.memebattle.TestData;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.StoreConfig;
import dev.memebattle.picture.TestPictures;
import dev.memebattle.store.TestDatabase;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's own templates on Telegram: saved from a photo (its caption, or a reply to it) by an admin,
 * used by everyone, kept in the database across a restart and seen by a second bot process on the
 * same database (SQLite file, or PostgreSQL where {@code MEMEBATTLE_TEST_PG_URL} is set).
 */
class TelegramSavedOwnTemplateTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final long ALICE = 1001;
    static final long MOD = 1002;
    static final long GROUP = -100888;

    @TempDir
    Path temp;

    static Stream<TestDatabase.Kind> kinds() {
        return TestDatabase.kinds();
    }

    private static Call answer(FakeBotApi api, String method, int commandId) {
        return api.awaitOne(method, c -> c.params().path("reply_parameters").path("message_id").asInt() == commandId, WAIT);
    }

    private static BufferedImage photo(Call sent) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(sent.attached(sent.text("photo"))));
    }

    @Test
    void anAdminSavesAPhotoByItsCaptionOrAReplyAndMembersCannot() throws Exception {
        BotComponents core = BotComponents.create(TestData.config(), new TelegramTestKit.SeededCaptions());
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, FAST, "")) {
            FakeBotApi api = running.api();
            api.chatType(GROUP, "supergroup");
            api.admins(GROUP, MOD);
            byte[] jpeg = TestPictures.solid(640, 400, "jpeg");
            String file = api.storeFile(jpeg);

            int byMember = api.sendPhoto(GROUP, ALICE, file, jpeg.length, "/memeadmin templates add desk");
            assertThat(answer(api, "sendMessage", byMember).text("text")).isEqualTo("Only the chat's admins can use /memeadmin.");
            assertThat(api.fileDownloads(file)).as("nothing fetched for a member").isZero();

            int byAdmin = api.sendPhoto(GROUP, MOD, file, jpeg.length, "/memeadmin@" + TelegramTestKit.BOT
                    + " templates add desk bottom");
            assertThat(answer(api, "sendMessage", byAdmin).text("text")).startsWith("Saved desk (bottom).");

            int meme = api.sendText(GROUP, ALICE, "/meme desk monday again |");
            Call posted = answer(api, "sendPhoto", meme);
            assertThat(photo(posted).getWidth()).isEqualTo(640);
            assertThat(posted.text("caption")).contains("monday again");

            // a reply to a photo saves that photo
            byte[] png = TestPictures.solid(300, 300, "png");
            int photoMessage = api.sendPhoto(GROUP, ALICE, api.storeFile(png), png.length, "my cat");
            int reply = api.replyText(GROUP, MOD, photoMessage, "/memeadmin templates add cat");
            assertThat(answer(api, "sendMessage", reply).text("text")).startsWith("Saved cat (classic).");
            int list = api.sendText(GROUP, ALICE, "/templates mine");
            assertThat(answer(api, "sendMessage", list).text("text")).contains("• cat — this chat's own")
                    .contains("• desk — this chat's own").doesNotContain("doge");

            int noPicture = api.sendText(GROUP, MOD, "/memeadmin templates add nothing");
            assertThat(answer(api, "sendMessage", noPicture).text("text")).startsWith("Send the picture with the command");
        } finally {
            core.close();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSavedTemplateSurvivesARestartAndASecondProcessOnTheSameDatabaseUsesIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, temp)) {
            BotConfig config = TestData.config().withStore(StoreConfig.of(db.url()));
            byte[] jpeg = TestPictures.solid(500, 250, "jpeg");

            BotComponents first = BotComponents.create(config.withCacheDir(temp.resolve("one/templates").toString()),
                    new TelegramTestKit.SeededCaptions());
            try (TelegramTestKit.Running one = TelegramTestKit.start(first, FAST, "")) {
                one.api().chatType(GROUP, "supergroup");
                one.api().admins(GROUP, MOD);
                int add = one.api().sendPhoto(GROUP, MOD, one.api().storeFile(jpeg), jpeg.length,
                        "/memeadmin templates add shared-one band");
                assertThat(answer(one.api(), "sendMessage", add).text("text")).startsWith("Saved shared-one (band).");
            } finally {
                first.close();
            }

            // another process, with its own picture cache: it draws the picture it gets from the database
            Path otherCache = temp.resolve("two/templates");
            BotComponents second = BotComponents.create(config.withCacheDir(otherCache.toString()),
                    new TelegramTestKit.SeededCaptions());
            try (TelegramTestKit.Running two = TelegramTestKit.start(second, FAST, "")) {
                two.api().chatType(GROUP, "supergroup");
                int meme = two.api().sendText(GROUP, ALICE, "/meme shared-one");
                BufferedImage image = photo(answer(two.api(), "sendPhoto", meme));
                assertThat(image.getWidth()).isEqualTo(500);
                assertThat(image.getHeight()).as("with its caption band").isEqualTo(320);
                assertThat(otherCache.resolveSibling("pictures")).isDirectory();

                two.api().admins(GROUP, MOD);
                int remove = two.api().sendText(GROUP, MOD, "/memeadmin templates remove shared-one");
                assertThat(answer(two.api(), "sendMessage", remove).text("text")).isEqualTo("Removed shared-one and its picture.");
            } finally {
                second.close();
            }

            // and after the next restart it is gone for good
            BotComponents third = BotComponents.create(config.withCacheDir(temp.resolve("one/templates").toString()),
                    new TelegramTestKit.SeededCaptions());
            try {
                assertThat(third.templates().find("telegram:" + GROUP, "shared-one")).isEmpty();
                assertThat(third.saved().list("telegram:" + GROUP)).isEmpty();
            } finally {
                third.close();
            }
        }
    }
}
