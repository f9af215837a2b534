package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compares renders with small reference renders made by this renderer (core/src/test/resources/golden, PNG,
 * long side 300 px), within a tolerance for font rasterizer differences. After an intended change, regenerate
 * them with {@code mvn test -Dtest=GoldenRenderTest -Dmemebattle.golden.update=true} and look at them.
 */
class GoldenRenderTest {

    private static final Path GOLDEN_DIR = Path.of("core", "src", "test", "resources", "golden");
    private static MemeRenderer renderer;

    @BeforeAll
    static void renderer() {
        renderer = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(),
                RenderLimits.defaults().withMaxLongSide(300));
    }

    /** Golden images are of the real pictures: skipped without ../shared/data. */
    @BeforeEach
    void needsTheRealPictures() {
        TestTemplates.sharedData();
    }

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("doge-classic", TestTemplates.doge(), List.of("such meme", "very skill, much render")),
                Arguments.of("doge-scattered", TestTemplates.defined("doge"),
                        List.of("such golden", "very layout", "wow", "much colour", "so render")),
                Arguments.of("cmm-rotated", TestTemplates.changeMyMind(), List.of("tests are documentation")),
                Arguments.of("stop-intl", TestTemplates.stop(),
                        List.of("Патрик", "Schwammkopf", "中文 と 日本語 \uD83D\uDE02\uD83D\uDD25", "Ελληνικά", "ÀÉÎÕÜ ñ ç")));
    }

    /** The same pixels, deflated harder than the renderer does (it favours speed), to keep the repo small. */
    private static byte[] smallestPng(BufferedImage image) throws java.io.IOException {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void renderMatchesGolden(String name, MemeTemplate template, List<String> texts) throws Exception {
        RenderedMeme meme = renderer.render(template, texts, ImageFormat.PNG);
        BufferedImage actual = Pixels.decode(meme.bytes());
        String file = name + ".png";
        if (Boolean.getBoolean("memebattle.golden.update")) {
            Files.createDirectories(GOLDEN_DIR);
            Files.write(GOLDEN_DIR.resolve(file), smallestPng(actual));
            System.out.println("Updated golden render " + GOLDEN_DIR.resolve(file).toAbsolutePath());
            return;
        }
        BufferedImage expected;
        try (InputStream in = GoldenRenderTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                fail("Golden render " + file + " is missing; create it with -Dmemebattle.golden.update=true");
                return;
            }
            expected = Pixels.decode(in.readAllBytes());
        }
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        assertThat(Math.max(actual.getWidth(), actual.getHeight())).isEqualTo(300);
        assertThat(Pixels.meanAbsDiff(actual, expected)).as("mean absolute difference per channel").isLessThan(1.5);
        int strongly = Pixels.changedPixels(actual, expected,
                new java.awt.Rectangle(0, 0, actual.getWidth(), actual.getHeight()), 64);
        assertThat(strongly).as("pixels differing by more than 64").isLessThan(actual.getWidth() * actual.getHeight() / 100);
    }
}
