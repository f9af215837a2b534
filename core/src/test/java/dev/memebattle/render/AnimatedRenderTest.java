package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnimatedRenderTest {

    private static MemeRenderer renderer;
    /** Decodes our output the same way as the templates (composing frames), without downscaling. */
    private static final TemplateDecoder DECODER = new TemplateDecoder(4096);

    @BeforeAll
    static void renderer() {
        renderer = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(), RenderLimits.defaults());
    }

    /** These tests use facts of the real pictures (sizes, frames, timing): skipped without ../shared/data. */
    @BeforeEach
    void needsTheRealPictures() {
        TestTemplates.sharedData();
    }

    private static Animation decode(byte[] gif) throws Exception {
        return (Animation) DECODER.decode(gif, "output");
    }

    private static byte[] source(MemeTemplate t) throws Exception {
        return Files.readAllBytes(TestTemplates.imagePath(t));
    }

    @Test
    void frameCountDelaysLoopingAndSizeArePreserved() throws Exception {
        MemeTemplate live = TestTemplates.template("live", "default.gif", TestTemplates.doge().boxes());
        for (MemeTemplate t : List.of(TestTemplates.crowd(), TestTemplates.patrick(), TestTemplates.fry(), live)) {
            Pixels.GifFacts expected = Pixels.gifFacts(source(t));
            for (ImageFormat requested : ImageFormat.values()) {
                RenderedMeme m = renderer.render(t, List.of("push to ci", "it turns green"), requested);
                assertThat(m.format()).isEqualTo(ImageFormat.GIF);
                assertThat(m.mimeType()).isEqualTo("image/gif");
                Pixels.GifFacts actual = Pixels.gifFacts(m.bytes());
                assertThat(actual.frames()).as(t.key()).isEqualTo(expected.frames()).isEqualTo(m.frames());
                assertThat(actual.delays()).as(t.key()).isEqualTo(expected.delays());
                assertThat(actual.loopCount()).as(t.key()).isEqualTo(expected.loopCount());
                assertThat(actual.width()).isEqualTo(expected.width()).isEqualTo(m.width());
                assertThat(actual.height()).isEqualTo(expected.height()).isEqualTo(m.height());
            }
        }
        assertThat(Pixels.gifFacts(source(live)).loopCount()).as("live plays once").isEqualTo(-1);
    }

    @Test
    void textShowsOnlyInsideItsTimeWindow() throws Exception {
        // crowd: box 0 from 0 to 0.54 of the animation, box 1 from 0.61 to 0.75, nothing in between or after.
        MemeTemplate crowd = TestTemplates.crowd();
        Animation blank = decode(renderer.render(crowd, List.of(), ImageFormat.GIF).bytes());
        Animation meme = decode(renderer.render(crowd, List.of("push to ci", "it turns green"), ImageFormat.GIF).bytes());
        Rectangle box0 = renderer.place(crowd, List.of("push to ci", "x"), 520, 293).get(0).text().clip();
        Rectangle box1 = renderer.place(crowd, List.of("x", "it turns green"), 520, 293).get(1).text().clip();
        int withText0 = 0;
        int withText1 = 0;
        int without = 0;
        for (int i = 0; i < meme.frames().size(); i++) {
            double at = meme.midpointFraction(i);
            BufferedImage a = blank.frames().get(i).image();
            BufferedImage b = meme.frames().get(i).image();
            if (at <= 0.54) {
                assertThat(Pixels.changedPixels(a, b, box0, 0)).as("frame %d at %.2f", i, at).isGreaterThan(500);
                assertThat(Pixels.changedOutside(a, b, List.of(box0), 0)).isZero();
                withText0++;
            } else if (at >= 0.61 && at <= 0.75) {
                assertThat(Pixels.changedPixels(a, b, box1, 0)).as("frame %d at %.2f", i, at).isGreaterThan(500);
                assertThat(Pixels.changedOutside(a, b, List.of(box1), 0)).isZero();
                withText1++;
            } else {
                assertThat(Pixels.changedBounds(a, b, 0)).as("frame %d at %.2f has no text", i, at).isNull();
                without++;
            }
        }
        assertThat(withText0).isGreaterThan(10);
        assertThat(withText1).isGreaterThan(3);
        assertThat(without).isGreaterThan(5);
    }

    @Test
    void textColoursSurviveQuantization() throws Exception {
        MemeTemplate crowd = TestTemplates.crowd();
        Animation meme = decode(renderer.render(crowd, List.of("push to ci"), ImageFormat.GIF).bytes());
        Rectangle box0 = renderer.place(crowd, List.of("push to ci"), 520, 293).get(0).text().clip();
        BufferedImage frame = meme.frames().get(2).image();
        int white = 0;
        int black = 0;
        Rectangle r = box0.intersection(new Rectangle(0, 0, frame.getWidth(), frame.getHeight()));
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = frame.getRGB(x, y) & 0xFFFFFF;
                white += rgb == 0xFFFFFF ? 1 : 0;
                black += rgb == 0 ? 1 : 0;
            }
        }
        assertThat(white).isGreaterThan(300);
        assertThat(black).isGreaterThan(300);
    }

    @Test
    void framesWithoutTextMatchTheSourceFrames() throws Exception {
        // patrick: partial frames with offsets and transparency; fry: local colour tables; crowd: full frames.
        for (MemeTemplate t : List.of(TestTemplates.patrick(), TestTemplates.fry(), TestTemplates.crowd())) {
            Animation source = decode(source(t));
            Animation output = decode(renderer.render(t, List.of(), ImageFormat.GIF).bytes());
            assertThat(output.frames()).hasSameSizeAs(source.frames());
            for (int i = 0; i < source.frames().size(); i++) {
                double diff = Pixels.meanAbsDiff(source.frames().get(i).image(), output.frames().get(i).image());
                assertThat(diff).as("%s frame %d", t.key(), i).isLessThan(1.0);
            }
        }
    }

    @Test
    void decoderComposesPartialFramesOverThePreviousCanvas() throws Exception {
        // Every patrick frame uses "do not dispose": a pixel shows the latest frame that covered it
        // with a non-transparent index.
        byte[] gif = source(TestTemplates.patrick());
        Animation composed = decode(gif);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif))) {
            reader.setInput(in, false, false);
            int partial = 0;
            for (int i = 1; i < composed.frames().size(); i++) {
                BufferedImage raw = reader.read(i);
                Node root = reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                int left = 0;
                int top = 0;
                int transparent = -1;
                for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                    Element e = (Element) c;
                    if (c.getNodeName().equals("ImageDescriptor")) {
                        left = Integer.parseInt(e.getAttribute("imageLeftPosition"));
                        top = Integer.parseInt(e.getAttribute("imageTopPosition"));
                    }
                    if (c.getNodeName().equals("GraphicControlExtension")
                            && e.getAttribute("transparentColorFlag").equals("TRUE")) {
                        transparent = Integer.parseInt(e.getAttribute("transparentColorIndex"));
                    }
                }
                if (raw.getWidth() < composed.width() || raw.getHeight() < composed.height()) {
                    partial++;
                }
                IndexColorModel icm = (IndexColorModel) raw.getColorModel();
                BufferedImage now = composed.frames().get(i).image();
                BufferedImage before = composed.frames().get(i - 1).image();
                Rectangle rect = new Rectangle(left, top, raw.getWidth(), raw.getHeight());
                for (int y = 0; y < composed.height(); y += 3) {
                    for (int x = 0; x < composed.width(); x += 3) {
                        int expected;
                        if (rect.contains(x, y) && raw.getRaster().getSample(x - left, y - top, 0) != transparent) {
                            expected = icm.getRGB(raw.getRaster().getSample(x - left, y - top, 0));
                        } else {
                            expected = before.getRGB(x, y);
                        }
                        assertThat(now.getRGB(x, y) & 0xFFFFFF).as("frame %d at %d,%d", i, x, y)
                                .isEqualTo(expected & 0xFFFFFF);
                    }
                }
            }
            assertThat(partial).isGreaterThan(20);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void largeGifsAreShrunkToTheByteLimitKeepingAllFrames() throws Exception {
        MemeRenderer tight = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(),
                RenderLimits.defaults().withMaxBytes(600 * 1024));
        RenderedMeme m = tight.render(TestTemplates.crowd(), List.of("push to ci", "it turns green"), ImageFormat.GIF);
        assertThat(m.bytes().length).isLessThanOrEqualTo(600 * 1024);
        assertThat(m.width()).isLessThan(520);
        Pixels.GifFacts facts = Pixels.gifFacts(m.bytes());
        assertThat(facts.frames()).isEqualTo(43);
        assertThat(facts.width()).isEqualTo(m.width());
    }

    @Test
    void aRequestCanAskForFewerBytesThanTheRenderersLimit() throws Exception {
        // Telegram fetches GIFs by URL up to 1 MB only: inline mode asks for that much at most
        RenderedMeme full = renderer.render(TestTemplates.crowd(), List.of("push to ci", "it turns green"), ImageFormat.GIF);
        RenderedMeme small = renderer.render(TestTemplates.crowd(), List.of("push to ci", "it turns green"),
                ImageFormat.GIF, 400 * 1024);
        assertThat(full.bytes().length).as("the test needs a GIF over the asked limit").isGreaterThan(400 * 1024);
        assertThat(small.bytes().length).isLessThanOrEqualTo(400 * 1024);
        assertThat(Pixels.gifFacts(small.bytes()).frames()).isEqualTo(43);
    }

    @Test
    void everyAnimatedTemplateFitsTelegramsLimitForGifsByUrl() throws Exception {
        // inline mode by URL: every GIF template must offer a candidate Telegram will fetch (1 MB)
        List<MemeTemplate> animated = TestTemplates.definedAll().stream().filter(MemeTemplate::animated).toList();
        assertThat(animated).hasSizeGreaterThanOrEqualTo(10);
        for (MemeTemplate t : animated) {
            RenderedMeme m = renderer.render(t, List.of("when the burst comes", "and every gif fits"), ImageFormat.GIF,
                    1 << 20);
            assertThat(m.bytes().length).as(t.key()).isLessThanOrEqualTo(1 << 20);
            Pixels.GifFacts facts = Pixels.gifFacts(m.bytes());
            assertThat(facts.frames()).as(t.key()).isEqualTo(Pixels.gifFacts(source(t)).frames());
            assertThat(Math.max(m.width(), m.height())).as(t.key() + " still a size worth showing").isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void theSizeThatFittedALimitIsWhereTheNextRenderOfThatTemplateStarts() throws Exception {
        MemeRenderer fresh = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(), RenderLimits.defaults());
        MemeTemplate crowd = TestTemplates.crowd();
        RenderedMeme first = fresh.render(crowd, List.of("push to ci", "it turns green"), ImageFormat.GIF, 400 * 1024);
        // a shorter text weighs less, so it would fit a larger size; it starts at the remembered one
        RenderedMeme next = fresh.render(crowd, List.of("ci", "green"), ImageFormat.GIF, 400 * 1024);
        assertThat(next.bytes().length).isLessThanOrEqualTo(400 * 1024);
        assertThat(next.width()).isEqualTo(first.width()).isLessThan(520);
        assertThat(next.height()).isEqualTo(first.height());
        // without the caller's limit a render is full size again
        assertThat(fresh.render(crowd, List.of("ci", "green"), ImageFormat.GIF).width()).isEqualTo(520);
    }

    @Test
    void midpointFractionsFollowTheDelays() throws Exception {
        Animation crowd = decode(source(TestTemplates.crowd()));
        // 43 frames of equal delay: frame i is centred at (i + 0.5) / 43.
        assertThat(crowd.midpointFraction(0)).isCloseTo(0.5 / 43, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(crowd.midpointFraction(42)).isCloseTo(42.5 / 43, org.assertj.core.data.Offset.offset(1e-9));
    }
}
