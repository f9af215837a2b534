package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateDefinitionException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Template images the tests make themselves, for a machine without {@code ../shared/data}: one picture
 * per template in {@code templates/}, in the template's own format ({@code .jpg}, {@code .png}, or a
 * 3-frame animated {@code .gif}), laid out as {@code KEY/FILE} like the shared folder, so that
 * everything but the tests of the real pictures (golden images, layouts) runs anywhere.
 */
public final class FixtureImages {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 450;
    /** Few flat colours, no anti-aliasing: a GIF frame then needs no quantizing. */
    private static final int[] PALETTE = {0x1b2a49, 0x465881, 0x00909e, 0xc9d1d3, 0xf7f7f7, 0xe94560, 0xffc93c, 0x2d4059};

    private static Path dir;

    private FixtureImages() {
    }

    /** The folder of fixture images (made once per test run, under {@code target/}). */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path out = Path.of("target", "fixture-template-images").toAbsolutePath();
                for (MemeTemplate t : TemplateCatalog.load(Path.of("templates")).all()) {
                    Path file = out.resolve(t.key()).resolve(t.imageFile());
                    if (!Files.isRegularFile(file)) {
                        Files.createDirectories(file.getParent());
                        Path partial = file.resolveSibling(file.getFileName() + ".part");
                        Files.write(partial, image(t.key(), t.imageFile()));
                        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                dir = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TemplateDefinitionException e) {
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }

    static byte[] image(String key, String file) throws IOException {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (extension.equals("gif")) {
            List<GifEncoder.Input> frames = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                frames.add(new GifEncoder.Input(frame(key, f), 10, PALETTE, Set.of()));
            }
            return new GifEncoder().encode(frames, 0);
        }
        BufferedImage still = frame(key, 0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(still, extension.equals("png") ? "png" : "jpeg", bytes)) {
            throw new IOException("no ImageIO writer for " + file);
        }
        return bytes.toByteArray();
    }

    /** Bands of colour that differ by template and frame, with a block that moves from frame to frame. */
    private static BufferedImage frame(String key, int frame) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int seed = Math.abs(key.hashCode());
        int bands = 6;
        for (int b = 0; b < bands; b++) {
            g.setColor(new Color(PALETTE[(seed + b) % PALETTE.length]));
            g.fillRect(0, b * HEIGHT / bands, WIDTH, HEIGHT / bands + 1);
        }
        g.setColor(new Color(PALETTE[(seed + 3) % PALETTE.length]));
        g.fillRect(60 + frame * 120, HEIGHT / 3, 120, HEIGHT / 3);
        g.dispose();
        return image;
    }
}
