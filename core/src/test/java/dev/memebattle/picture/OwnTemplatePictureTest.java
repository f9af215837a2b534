package dev.memebattle.picture;

import dev.memebattle.render.FontBook;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.render.RenderedMeme;
import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** People's own pictures: what is taken, what is refused (each with one line), and how it is laid out. */
class OwnTemplatePictureTest {

    private final PictureReader reader = new PictureReader(PictureLimits.defaults());

    @TempDir
    Path dir;

    // ---- pictures made here ----

    /** Left half red, right half blue. */
    static BufferedImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A JPEG with an EXIF block saying "turn clockwise to show" (orientation 6) and a GPS-like tag. */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation) throws IOException {
        byte[] jpeg = encode(image, "jpeg");
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        DataOutputStream t = new DataOutputStream(tiff);
        t.writeBytes("MM");
        t.writeShort(42);
        t.writeInt(8);              // first IFD right after the header
        t.writeShort(1);            // one entry
        t.writeShort(0x0112);       // Orientation
        t.writeShort(3);            // SHORT
        t.writeInt(1);
        t.writeShort(orientation);
        t.writeShort(0);
        t.writeInt(0);              // no next IFD
        byte[] exif = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);      // SOI
        int length = 2 + 6 + exif.length;
        out.write(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.write(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    // ---- what is taken ----

    @Test
    void aJpegIsTakenAsItIs() throws Exception {
        Picture picture = reader.read(encode(halves(120, 80), "jpeg"));
        assertThat(picture).isInstanceOf(Picture.Still.class);
        assertThat(picture.width()).isEqualTo(120);
        assertThat(picture.height()).isEqualTo(80);
        assertThat(picture.id()).hasSize(64);
    }

    @Test
    void exifOrientationTurnsThePhotoUprightAndNoMetadataGoesFurther() throws Exception {
        byte[] sent = jpegWithOrientation(halves(120, 80), 6);
        assertThat(PictureReader.exifOrientation(sent)).isEqualTo(6);
        Picture.Still picture = (Picture.Still) reader.read(sent);
        assertThat(picture.width()).as("turned a quarter").isEqualTo(80);
        assertThat(picture.height()).isEqualTo(120);
        Color top = new Color(picture.image().getRGB(40, 10));
        Color bottom = new Color(picture.image().getRGB(40, 110));
        assertThat(top.getRed()).as("the stored left (red) is shown on top").isGreaterThan(200);
        assertThat(bottom.getBlue()).isGreaterThan(200);

        MemeTemplate template = new OwnPictures(dir, 1024).template(picture, PictureLayout.CLASSIC);
        byte[] kept = Files.readAllBytes(dir.resolve(template.key()).resolve(template.imageFile()));
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).as("no EXIF kept").doesNotContain("Exif");
    }

    @Test
    void aOneFrameGifIsAStillAndAnAnimatedOneStaysAnimated() throws Exception {
        assertThat(reader.read(TestPictures.gif(1))).isInstanceOf(Picture.Still.class);
        Picture animated = reader.read(TestPictures.gif(12));
        assertThat(animated).isInstanceOf(Picture.Animated.class);
        assertThat(((Picture.Animated) animated).frames()).isEqualTo(12);
    }

    @Test
    void webpIsDecodedWithTwelveMonkeys() throws Exception {
        // a 1×1 lossless WebP
        byte[] webp = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
        Picture picture = reader.read(webp);
        assertThat(picture.width()).isEqualTo(1);
        assertThat(picture.height()).isEqualTo(1);
    }

    // ---- what is refused, with one line ----

    @Test
    void notAPictureIsRefused() {
        assertThatThrownBy(() -> reader.read("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnusablePicture.class).hasMessage("That isn't a picture I can use — send a JPEG, PNG, GIF or WebP.");
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(UnusablePicture.class).hasMessageContaining("empty");
    }

    @Test
    void aCutOffPictureIsRefused() throws Exception {
        for (String format : List.of("jpeg", "png")) {
            byte[] whole = encode(halves(200, 150), format);
            byte[] cut = Arrays.copyOf(whole, whole.length / 2);
            assertThatThrownBy(() -> reader.read(cut)).as(format).isInstanceOf(UnusablePicture.class)
                    .hasMessage("That picture is damaged or cut off — send it again.");
        }
        byte[] gif = TestPictures.gif(12);
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(gif, gif.length - 40))).isInstanceOf(UnusablePicture.class)
                .hasMessageContaining("damaged or cut off");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        byte[] bomb = TestPictures.pngBomb(20_000);
        assertThat(bomb.length).as("small on the wire").isLessThan(1024 * 1024);
        long before = usedHeap();
        assertThatThrownBy(() -> reader.read(bomb)).isInstanceOf(UnusablePicture.class)
                .hasMessage("That picture is 20000×20000 pixels; the most I take is 40 megapixels.");
        assertThat(usedHeap() - before).as("nothing decoded (a 400-megapixel RGB image is 1.6 GB)")
                .isLessThan(256L * 1024 * 1024);
    }

    @Test
    void tooManyFramesOrTooManyBytesAreRefused() throws Exception {
        assertThatThrownBy(() -> reader.read(TestPictures.gif(1000))).isInstanceOf(UnusablePicture.class)
                .hasMessage("That GIF has more than 300 frames; send a shorter one.");
        byte[] big = new byte[11 * 1024 * 1024];
        System.arraycopy(encode(halves(10, 10), "png"), 0, big, 0, 8);
        assertThatThrownBy(() -> reader.read(big)).isInstanceOf(UnusablePicture.class)
                .hasMessage("That picture is 11.0 MB; the most I take is 10.0 MB.");
    }

    // ---- layouts ----

    @Test
    void theLayoutsPutTheTextWhereTheySay() throws Exception {
        OwnPictures pictures = new OwnPictures(dir, 1024);
        MemeRenderer renderer = new MemeRenderer(pictures, FontBook.system(), RenderLimits.defaults());
        Picture picture = reader.read(encode(halves(600, 400), "png"));

        RenderedMeme classic = renderer.render(pictures.template(picture, PictureLayout.CLASSIC),
                List.of("top text", "bottom text"), ImageFormat.PNG);
        BufferedImage plain = ImageIO.read(new ByteArrayInputStream(renderer.render(
                pictures.template(picture, PictureLayout.CLASSIC), List.of("", ""), ImageFormat.PNG).bytes()));
        BufferedImage withText = ImageIO.read(new ByteArrayInputStream(classic.bytes()));
        assertThat(withText.getWidth()).isEqualTo(600);
        assertThat(changed(plain, withText, 0, 0, 600, 100)).as("top").isGreaterThan(500);
        assertThat(changed(plain, withText, 0, 300, 600, 100)).as("bottom").isGreaterThan(500);
        assertThat(changed(plain, withText, 0, 150, 600, 100)).as("middle stays clear").isZero();

        MemeTemplate band = pictures.template(picture, PictureLayout.BAND);
        BufferedImage banded = ImageIO.read(new ByteArrayInputStream(
                renderer.render(band, List.of("when the test passes on the first try"), ImageFormat.PNG).bytes()));
        int bandHeight = (int) Math.round(400 * PictureLayout.BAND_SHARE);
        assertThat(banded.getHeight()).as("a white band above the picture").isEqualTo(400 + bandHeight);
        int dark = 0;
        for (int y = 0; y < bandHeight; y++) {
            for (int x = 0; x < 600; x++) {
                Color c = new Color(banded.getRGB(x, y));
                dark += c.getRed() + c.getGreen() + c.getBlue() < 200 ? 1 : 0;
            }
        }
        assertThat(dark).as("black text in the band").isGreaterThan(300);
        assertThat(new Color(banded.getRGB(100, bandHeight + 100)).getRed()).as("the picture below it").isGreaterThan(200);

        assertThatThrownBy(() -> pictures.template(reader.read(TestPictures.gif(5)), PictureLayout.BAND))
                .isInstanceOf(UnusablePicture.class).hasMessageContaining("still pictures");
    }

    private static int changed(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
