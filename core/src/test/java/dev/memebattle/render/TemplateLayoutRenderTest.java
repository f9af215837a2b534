package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TextBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The layouts in templates/*.yml as drawn: AI box counts, doge's scattered phrases, top lines alone. */
class TemplateLayoutRenderTest {

    private static MemeRenderer renderer;

    @BeforeAll
    static void renderer() {
        renderer = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(), RenderLimits.defaults());
    }

    private static BufferedImage png(MemeTemplate t, List<String> texts) throws TemplateImageException {
        return Pixels.decode(renderer.render(t, texts, ImageFormat.PNG).bytes());
    }

    @Test
    void everyAllowedBoxCountFillsTheFirstBoxesAndNoOthers() {
        for (MemeTemplate t : TestTemplates.definedAiCapable()) {
            for (int k : t.aiBoxCounts()) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    texts.add("part " + (i + 1));
                }
                // What a caption writer hands over: one entry per box, the unused ones empty.
                List<String> perBox = new ArrayList<>(texts);
                while (perBox.size() < t.boxes().size()) {
                    perBox.add("");
                }
                for (List<String> given : List.of(texts, perBox)) {
                    List<MemeRenderer.BoxText> placed = renderer.place(t, given, 1000, 800);
                    assertThat(placed).as(t.key() + " with " + k + " parts").extracting(MemeRenderer.BoxText::index)
                            .containsExactlyElementsOf(IntStream.range(0, k).boxed().toList());
                }
            }
        }
    }

    @Test
    void dogeFivePhrasesAreScatteredInBrightColoursAroundTheFace() throws Exception {
        MemeTemplate doge = TestTemplates.defined("doge");
        assertThat(doge.boxes()).hasSize(5);
        assertThat(doge.aiBoxCounts()).contains(5);
        BufferedImage blank = png(doge, List.of());
        BufferedImage meme = png(doge, List.of("such test", "very layout", "wow", "much colour", "so scatter"));

        List<Color> regions = Pixels.colouredRegions(meme, blank, 16, 48, 120, 3);
        assertThat(regions).as("separate coloured text regions").hasSizeGreaterThanOrEqualTo(4);
        List<Double> hues = new ArrayList<>();
        for (Color c : regions) {
            double h = Pixels.hue(c);
            if (hues.stream().allMatch(other -> hueDistance(h, other) >= 20)) {
                hues.add(h);
            }
        }
        assertThat(hues).as("distinct hues of " + regions).hasSizeGreaterThanOrEqualTo(4);

        // Eyes, nose and mouth stay visible.
        int w = meme.getWidth();
        int h = meme.getHeight();
        Rectangle face = new Rectangle((int) (0.12 * w), (int) (0.30 * h), (int) (0.41 * w), (int) (0.40 * h));
        assertThat(Pixels.changedPixels(meme, blank, face, 24)).as("pixels changed on the dog's face").isZero();
    }

    /** Black text on Change My Mind's white sign, none of it over the dark table top above the sign. */
    @Test
    void changeMyMindTextSitsOnTheWhiteSign() throws Exception {
        TestTemplates.sharedData(); // about the real picture
        MemeTemplate cmm = TestTemplates.defined("cmm");
        BufferedImage blank = png(cmm, List.of());
        for (String text : List.of("every meme bot needs a test suite", "pineapple",
                "tabs are better than spaces and everyone knows it deep down")) {
            BufferedImage meme = png(cmm, List.of(text));
            int ink = 0;
            int overDark = 0;
            for (int y = 0; y < meme.getHeight(); y++) {
                for (int x = 0; x < meme.getWidth(); x++) {
                    int under = blank.getRGB(x, y);
                    if (Pixels.channelDiff(meme.getRGB(x, y), under) > 16) {
                        ink++;
                        int luminance = (299 * ((under >> 16) & 0xff) + 587 * ((under >> 8) & 0xff) + 114 * (under & 0xff)) / 1000;
                        if (luminance < 150) {
                            overDark++;
                        }
                    }
                }
            }
            assertThat(ink).as(text).isGreaterThan(300);
            assertThat(overDark).as("pixels of \"" + text + "\" over something dark, of " + ink).isLessThan(ink / 50);
        }
    }

    private static double hueDistance(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aag", "wonka", "boat"})
    void aTopLineAloneLeavesTheBottomOfATopBottomTemplateUntouched(String key) throws Exception {
        MemeTemplate t = TestTemplates.defined(key);
        assertThat(t.boxes()).hasSize(2);
        assertThat(t.aiBoxCounts()).containsExactly(1, 2);
        BufferedImage blank = png(t, List.of());
        BufferedImage meme = png(t, List.of("one line is all it takes when the whole joke fits on top"));
        int w = meme.getWidth();
        int h = meme.getHeight();
        TextBox top = t.boxes().get(0);
        TextBox bottom = t.boxes().get(1);
        assertThat(Pixels.changedPixels(meme, blank, Pixels.boxRegion(top, w, h, 0), 64))
                .as("text in the top box").isGreaterThan(w * h / 200);
        assertThat(Pixels.changedPixels(meme, blank, Pixels.boxRegion(bottom, w, h, 2), 0))
                .as("bottom box changed").isZero();
        assertThat(Pixels.changedOutside(meme, blank, List.of(Pixels.boxRegion(top, w, h, 2)), 0))
                .as("changed outside the top box").isZero();
    }
}
