package dev.memebattle.cli;

import dev.memebattle.picture.TestPictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.memebattle.cli.CommandLineTest.images;
import static dev.memebattle.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Your own picture instead of a template, from the command line and the console. */
class OwnTemplateGenerateTest {

    private static Path picture(Path dir, int w, int h) throws Exception {
        return Files.write(dir.resolve("holiday.png"), TestPictures.solid(w, h, "png"));
    }

    @Test
    void generateTakesAPictureAndALayout(@TempDir Path dir) throws Exception {
        Path photo = picture(dir, 600, 400);
        Path classic = dir.resolve("classic.jpg");
        CommandLineTest.Run run = run("", "generate", "--template", photo.toString(), "--text", "my holiday | my inbox",
                "--out", classic.toString(), "--images-dir", images());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("my holiday | my inbox");
        BufferedImage meme = ImageIO.read(classic.toFile());
        assertThat(meme.getWidth()).isEqualTo(600);
        assertThat(meme.getHeight()).isEqualTo(400);

        Path band = dir.resolve("band.jpg");
        run = run("", "generate", "--template", photo.toString(), "--layout", "band", "--text", "me on day one of the holiday",
                "--out", band.toString(), "--images-dir", images());
        assertThat(run.exit()).as(run.err()).isZero();
        BufferedImage banded = ImageIO.read(band.toFile());
        assertThat(banded.getHeight()).as("a white band on top").isGreaterThan(400);
        assertThat(new Color(banded.getRGB(5, 5))).isEqualTo(Color.WHITE);
    }

    @Test
    void whatIsNotAPictureIsOneLine(@TempDir Path dir) throws Exception {
        // as in a fresh process (an earlier test in this JVM may have changed it)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.memebattle"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Path script = Files.writeString(dir.resolve("notes.jpg"), "not a picture at all");
        CommandLineTest.Run run = run("", "generate", "--template", script.toString(), "--text", "a | b",
                "--out", dir.resolve("x.jpg").toString(), "--images-dir", images());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("isn't a picture I can use");
        assertThat(dir.resolve("x.jpg")).doesNotExist();

        run = run("", "generate", "--template", "doge", "--layout", "band", "--text", "a", "--images-dir", images());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--layout is for your own picture");
        run = run("", "generate", "--template", picture(dir, 60, 40).toString(), "--layout", "sideways", "--text", "a");
        assertThat(run.err()).contains("--layout is classic, top, bottom or band");
    }

    @Test
    void theConsoleTakesALocalPicture(@TempDir Path dir) throws Exception {
        Path photo = picture(dir, 300, 200);
        CommandLineTest.Run run = run("/meme " + photo + " top line | bottom line\n", "console",
                "--images-dir", images(), "-o", dir.resolve("out").toString());
        assertThat(run.exit()).isZero();
        Matcher saved = Pattern.compile("→ (\\S+\\.jpg)").matcher(run.out());
        assertThat(saved.find()).as(run.out()).isTrue();
        assertThat(ImageIO.read(Path.of(saved.group(1)).toFile()).getWidth()).isEqualTo(300);
    }
}
