package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;
import dev.memebattle.template.TextBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemeRendererTest {

    private static FontBook fonts;
    private static MemeRenderer renderer;

    @BeforeAll
    static void renderer() {
        fonts = FontBook.system();
        renderer = new MemeRenderer(TestTemplates.sharedImages(), fonts, RenderLimits.defaults());
    }

    /** These tests use facts of the real pictures (sizes, frames, timing): skipped without ../shared/data. */
    @BeforeEach
    void needsTheRealPictures() {
        TestTemplates.sharedData();
    }

    private static BufferedImage png(MemeTemplate t, List<String> texts) throws TemplateImageException {
        RenderedMeme m = renderer.render(t, texts, ImageFormat.PNG);
        assertThat(m.format()).isEqualTo(ImageFormat.PNG);
        return Pixels.decode(m.bytes());
    }

    private static List<Rectangle> boxRegions(MemeTemplate t, int w, int h, int grow) {
        return t.boxes().stream().map(b -> Pixels.boxRegion(b, w, h, grow)).toList();
    }

    @Test
    void jpegHasTemplateDimensionsAndNoAlpha() throws Exception {
        RenderedMeme m = renderer.render(TestTemplates.doge(), List.of("such meme", "very skill"), ImageFormat.JPEG);
        assertThat(m.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(m.mimeType()).isEqualTo("image/jpeg");
        assertThat(m.fileExtension()).isEqualTo("jpg");
        assertThat(m.frames()).isEqualTo(1);
        assertThat(m.bytes()).startsWith(0xFF, 0xD8);
        BufferedImage img = Pixels.decode(m.bytes());
        assertThat(img.getWidth()).isEqualTo(620).isEqualTo(m.width());
        assertThat(img.getHeight()).isEqualTo(620).isEqualTo(m.height());
        assertThat(img.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void largeTemplatesAreDownscaledToTheLongSideLimit() throws Exception {
        RenderedMeme m = renderer.render(TestTemplates.changeMyMind(), List.of("change it"), ImageFormat.PNG);
        BufferedImage img = Pixels.decode(m.bytes());
        assertThat(img.getWidth()).isEqualTo(1024);
        assertThat(img.getHeight()).isEqualTo(814); // 1148 * 1024 / 1444
        assertThat(m.mimeType()).isEqualTo("image/png");
    }

    @Test
    void textChangesPixelsInsideEachBoxAndNothingOutside() throws Exception {
        MemeTemplate doge = TestTemplates.doge();
        BufferedImage blank = png(doge, List.of());
        BufferedImage meme = png(doge, List.of("such meme", "very skill"));
        for (TextBox box : doge.boxes()) {
            Rectangle r = Pixels.boxRegion(box, 620, 620, 0);
            assertThat(Pixels.changedPixels(blank, meme, r, 0)).as("changed in " + r)
                    .isGreaterThan(r.width * r.height / 50);
        }
        assertThat(Pixels.changedOutside(blank, meme, boxRegions(doge, 620, 620, 2), 0)).isZero();
    }

    @Test
    void jpegOutsideTheBoxesMatchesThePlainTemplateWithinJpegTolerance() throws Exception {
        MemeTemplate doge = TestTemplates.doge();
        BufferedImage blank = Pixels.decode(renderer.render(doge, List.of(), ImageFormat.JPEG).bytes());
        BufferedImage meme = Pixels.decode(renderer.render(doge, List.of("such meme", "very skill"), ImageFormat.JPEG).bytes());
        // JPEG works in 16x16 blocks: allow the blocks touching a box to differ.
        assertThat(Pixels.changedOutside(blank, meme, boxRegions(doge, 620, 620, 17), 6)).isZero();
        Rectangle top = Pixels.boxRegion(doge.boxes().get(0), 620, 620, 0);
        assertThat(Pixels.changedPixels(blank, meme, top, 40)).isGreaterThan(top.width * top.height / 50);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 200, 2000})
    void textOfAnyLengthStaysInsideItsBox(int length) throws Exception {
        String text = "such meme very skill wow ".repeat(length / 25 + 1).substring(0, length);
        MemeTemplate doge = TestTemplates.doge();
        BufferedImage blank = png(doge, List.of());
        BufferedImage meme = png(doge, List.of(text, text));
        assertThat(Pixels.changedBounds(blank, meme, 0)).isNotNull();
        assertThat(Pixels.changedOutside(blank, meme, boxRegions(doge, 620, 620, 2), 0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 200, 2000})
    void rotatedTextStaysInsideTheRotatedBox(int length) throws Exception {
        String text = "pineapple belongs on pizza ".repeat(length / 27 + 1).substring(0, length);
        MemeTemplate cmm = TestTemplates.changeMyMind();
        BufferedImage blank = png(cmm, List.of());
        BufferedImage meme = png(cmm, List.of(text));
        Rectangle clip = renderer.place(cmm, List.of(text), 1024, 814).get(0).text().clip();
        Rectangle changed = Pixels.changedBounds(blank, meme, 0);
        assertThat(changed).isNotNull();
        assertThat(clip.contains(changed)).as(changed + " inside " + clip).isTrue();
        // The box itself is 0.46 x 0.25 of the image; rotated 23 degrees its bounds are larger but bounded.
        assertThat(clip.width).isBetween(471, 560);
    }

    @Test
    void rotationIsCounterClockwiseLikeTheTemplateData() {
        // One line in the cmm box (23 degrees) rises to the right, like the sign in the picture:
        // the ink's right half lies higher on the image than its left half.
        MemeTemplate cmm = TestTemplates.changeMyMind();
        MemeRenderer.BoxText box = renderer.place(cmm, List.of("ABCDEFGH"), 1024, 814).get(0);
        assertThat(box.fitted().lines()).hasSize(1);
        java.awt.Shape glyphs = box.text().glyphs();
        double centerX = glyphs.getBounds2D().getCenterX();
        double[] sumX = new double[2];
        double[] sumY = new double[2];
        int[] n = new int[2];
        double[] c = new double[6];
        for (java.awt.geom.PathIterator it = glyphs.getPathIterator(null, 0.5); !it.isDone(); it.next()) {
            if (it.currentSegment(c) != java.awt.geom.PathIterator.SEG_CLOSE) {
                int half = c[0] < centerX ? 0 : 1;
                sumX[half] += c[0];
                sumY[half] += c[1];
                n[half]++;
            }
        }
        double rise = sumY[0] / n[0] - sumY[1] / n[1];
        double run = sumX[1] / n[1] - sumX[0] / n[0];
        assertThat(Math.toDegrees(Math.atan2(rise, run))).isCloseTo(23.0, org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void upperStyleReallyUppercases() throws Exception {
        MemeTemplate doge = TestTemplates.doge();
        byte[] lower = renderer.render(doge, List.of("abc", "straße"), ImageFormat.PNG).bytes();
        byte[] upper = renderer.render(doge, List.of("ABC", "STRASSE"), ImageFormat.PNG).bytes();
        byte[] other = renderer.render(doge, List.of("ABD", "STRASSE"), ImageFormat.PNG).bytes();
        assertThat(lower).isEqualTo(upper);
        assertThat(other).isNotEqualTo(upper);
    }

    @Test
    void noneStyleKeepsCase() throws Exception {
        MemeTemplate stop = TestTemplates.stop();
        byte[] lower = renderer.render(stop, List.of("patrick"), ImageFormat.PNG).bytes();
        byte[] upper = renderer.render(stop, List.of("PATRICK"), ImageFormat.PNG).bytes();
        assertThat(lower).isNotEqualTo(upper);
    }

    @Test
    void boxColoursAreUsedAsFill() throws Exception {
        MemeTemplate stop = TestTemplates.stop();
        BufferedImage img = png(stop, List.of("one", "two", "is mayonnaise an instrument", "four", "five"));
        int w = img.getWidth();
        int h = img.getHeight();
        assertThat(count(img, Pixels.boxRegion(stop.boxes().get(2), w, h, 0), new Color(0xfff05c))).isGreaterThan(100);
        assertThat(count(img, Pixels.boxRegion(stop.boxes().get(0), w, h, 0), new Color(0xb1e0d0))).isGreaterThan(20);
        assertThat(count(img, Pixels.boxRegion(stop.boxes().get(1), w, h, 0), new Color(0xffb6a6))).isGreaterThan(20);
        // Light fills get a black outline.
        assertThat(count(img, Pixels.boxRegion(stop.boxes().get(2), w, h, 0), Color.BLACK)).isGreaterThan(100);
    }

    private static int count(BufferedImage img, Rectangle r, Color c) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height && y < img.getHeight(); y++) {
            for (int x = r.x; x < r.x + r.width && x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void internationalTextAndEmojiProduceDistinctInk() throws Exception {
        MemeTemplate doge = TestTemplates.doge();
        BufferedImage blank = png(doge, List.of());
        Rectangle top = Pixels.boxRegion(doge.boxes().get(0), 620, 620, 0);
        List<String> texts = List.of("中文测试", "汉字不同", "日本語とかな", "한국어", "Привет мир", "Ελληνικά",
                "Ünïcödé àçcèñts", "\uD83D\uDE02\uD83D\uDD25\uD83D\uDC4D", "\uD83D\uDE80\uD83C\uDF55\uD83D\uDC36");
        List<BufferedImage> renders = new ArrayList<>();
        for (String text : texts) {
            BufferedImage img = png(doge, List.of(text));
            assertThat(Pixels.changedPixels(blank, img, top, 0)).as(text).isGreaterThan(top.width * top.height / 100);
            renders.add(img);
        }
        // Different characters give different ink (missing glyphs would all be the same boxes).
        for (int i = 0; i < renders.size(); i++) {
            for (int j = i + 1; j < renders.size(); j++) {
                assertThat(Pixels.changedPixels(renders.get(i), renders.get(j), top, 0))
                        .as(texts.get(i) + " vs " + texts.get(j)).isGreaterThan(100);
            }
        }
    }

    @Test
    void badInputRendersWithoutException() throws Exception {
        MemeTemplate doge = TestTemplates.doge();
        List<List<String>> inputs = new ArrayList<>();
        inputs.add(List.of());
        inputs.add(List.of("", ""));
        inputs.add(Arrays.asList(null, null));
        inputs.add(null);
        inputs.add(List.of("\u0000\u0001\u0007\u001B[31mred\u007F", "\t\n\r"));
        inputs.add(List.of("\u202Eevil override\u202C", "\u2066isolate\u2069 \u200F\u200E"));
        inputs.add(List.of("\u200B\u200B\u200B", "\uFEFF\u2060"));
        inputs.add(List.of("x".repeat(10_000), "word ".repeat(2_000)));
        inputs.add(List.of("\uD83D\uDE02".repeat(300), "\uD83D\uDC4D\uD83C\uDFFD\uFE0F"));
        inputs.add(Collections.nCopies(50, "fifty texts for two boxes"));
        inputs.add(List.of("Z" + "\u0336\u0301\u0302".repeat(500), "\uD800\uDC00\uDBFF"));
        for (List<String> texts : inputs) {
            for (ImageFormat format : ImageFormat.values()) {
                RenderedMeme m = renderer.render(doge, texts, format);
                BufferedImage img = Pixels.decode(m.bytes());
                assertThat(img.getWidth()).isEqualTo(620);
                assertThat(img.getHeight()).isEqualTo(620);
            }
        }
    }

    @Test
    void extraTextsJoinTheLastBoxAndMissingOnesLeaveBoxesEmpty() {
        assertThat(MemeRenderer.textsPerBox(List.of("a"), 2, 2000)).containsExactly("a", "");
        assertThat(MemeRenderer.textsPerBox(List.of("a", "b", "c", " ", "d"), 2, 2000)).containsExactly("a", "b c d");
        assertThat(MemeRenderer.textsPerBox(null, 2, 2000)).containsExactly("", "");
        assertThat(MemeRenderer.textsPerBox(List.of("a"), 0, 2000)).isEmpty();
        assertThat(MemeRenderer.textsPerBox(Arrays.asList(null, "b"), 2, 2000)).containsExactly("", "b");
    }

    @Test
    void gifRequestedForAStillTemplateGivesPng() throws Exception {
        RenderedMeme m = renderer.render(TestTemplates.doge(), List.of("a", "b"), ImageFormat.GIF);
        assertThat(m.format()).isEqualTo(ImageFormat.PNG);
        assertThat(Pixels.decode(m.bytes()).getWidth()).isEqualTo(620);
    }

    @Test
    void missingImageIsATemplateImageException() {
        MemeTemplate t = TestTemplates.template("nope", "default.jpg", TestTemplates.doge().boxes());
        assertThatThrownBy(() -> renderer.render(t, List.of("x"), ImageFormat.JPEG))
                .isInstanceOf(TemplateImageException.class).hasMessageContaining("nope");
        TemplateImageSource pointsNowhere = template -> Path.of("/nonexistent/dir/default.jpg");
        MemeRenderer r = new MemeRenderer(pointsNowhere, fonts, RenderLimits.defaults());
        assertThatThrownBy(() -> r.render(TestTemplates.doge(), List.of("x"), ImageFormat.JPEG))
                .isInstanceOf(TemplateImageException.class).hasMessageContaining("missing")
                .hasMessageNotContaining("/nonexistent");
    }

    @Test
    void corruptImageIsATemplateImageException(@TempDir Path dir) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.jpg"), "this is not an image".repeat(100).getBytes());
        byte[] gif = Files.readAllBytes(TestTemplates.imagePath(TestTemplates.crowd()));
        Path brokenGif = Files.write(dir.resolve("broken.gif"), Arrays.copyOf(gif, 40));
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        byte[] png = Files.readAllBytes(TestTemplates.imagePath(TestTemplates.drake()));
        byte[] mangled = png.clone();
        for (int i = 100; i < mangled.length; i += 7) {
            mangled[i] ^= 0x5A;
        }
        Path mangledPng = Files.write(dir.resolve("mangled.png"), mangled);
        for (Path p : List.of(garbage, brokenGif, empty, mangledPng)) {
            MemeRenderer r = new MemeRenderer(template -> p, fonts, RenderLimits.defaults());
            assertThatThrownBy(() -> r.render(TestTemplates.doge(), List.of("x"), ImageFormat.JPEG))
                    .as(p.getFileName().toString())
                    .isInstanceOf(TemplateImageException.class)
                    .hasMessageContaining("doge")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        }
    }

    @Test
    void replacedTemplateFileIsDecodedAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("image");
        Files.copy(TestTemplates.imagePath(TestTemplates.doge()), file);
        MemeRenderer r = new MemeRenderer(template -> file, fonts, RenderLimits.defaults());
        assertThat(r.render(TestTemplates.doge(), List.of("x"), ImageFormat.JPEG).width()).isEqualTo(620);
        Files.copy(TestTemplates.imagePath(TestTemplates.drake()), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(r.render(TestTemplates.doge(), List.of("x"), ImageFormat.JPEG).width()).isEqualTo(446);
    }

    @Test
    void outputIsShrunkToTheByteLimit() throws Exception {
        RenderLimits tight = RenderLimits.defaults().withMaxBytes(16 * 1024);
        MemeRenderer r = new MemeRenderer(TestTemplates.sharedImages(), fonts, tight);
        RenderedMeme jpeg = r.render(TestTemplates.doge(), List.of("such meme", "very skill"), ImageFormat.JPEG);
        assertThat(jpeg.bytes().length).isLessThanOrEqualTo(16 * 1024);
        assertThat(Pixels.decode(jpeg.bytes()).getWidth()).isEqualTo(jpeg.width());
        RenderedMeme png = r.render(TestTemplates.changeMyMind(), List.of("change my mind"), ImageFormat.PNG);
        assertThat(png.bytes().length).isLessThanOrEqualTo(16 * 1024);
        assertThat(png.width()).isLessThan(1024);
        assertThat(Pixels.decode(png.bytes()).getWidth()).isEqualTo(png.width());
    }

    @Test
    void smallerLongSideLimitScalesTheTemplateAndTheText() throws Exception {
        MemeRenderer small = new MemeRenderer(TestTemplates.sharedImages(), fonts, RenderLimits.defaults().withMaxLongSide(310));
        RenderedMeme m = small.render(TestTemplates.doge(), List.of("such meme", "very skill"), ImageFormat.PNG);
        assertThat(m.width()).isEqualTo(310);
        assertThat(m.height()).isEqualTo(310);
        FittedText big = renderer.place(TestTemplates.doge(), List.of("such meme"), 620, 620).get(0).fitted();
        FittedText half = small.place(TestTemplates.doge(), List.of("such meme"), 310, 310).get(0).fitted();
        assertThat(half.fontSize()).isCloseTo(big.fontSize() / 2, org.assertj.core.data.Offset.offset(1.0f));
    }

    @Test
    void concurrentRendersGiveTheSameBytes() throws Exception {
        MemeRenderer fresh = new MemeRenderer(TestTemplates.sharedImages(), fonts, RenderLimits.defaults());
        List<MemeTemplate> templates = List.of(TestTemplates.doge(), TestTemplates.stop(), TestTemplates.drake());
        List<String> texts = List.of("such meme 中文", "very skill 😂", "three", "four", "five");
        List<byte[]> expected = new ArrayList<>();
        for (MemeTemplate t : templates) {
            expected.add(renderer.render(t, texts, ImageFormat.PNG).bytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                MemeTemplate t = templates.get(i % templates.size());
                results.add(pool.submit(() -> fresh.render(t, texts, ImageFormat.PNG).bytes()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % templates.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
