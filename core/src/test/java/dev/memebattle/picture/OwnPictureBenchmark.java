package dev.memebattle.picture;

import dev.memebattle.render.FontBook;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.template.MemeTemplate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Decode and render times of a 12-megapixel phone-sized photo (4000×3000 JPEG), warm, one thread:
 * <pre>java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) dev.memebattle.picture.OwnPictureBenchmark</pre>
 */
public final class OwnPictureBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        PictureReader reader = new PictureReader(PictureLimits.defaults());
        long[] decode = new long[runs];
        long[] keep = new long[runs];
        long[] render = new long[runs];
        Path dir = Files.createTempDirectory("own-pictures");
        OwnPictures pictures = new OwnPictures(dir, 1024);
        MemeRenderer renderer = new MemeRenderer(pictures, FontBook.system(), RenderLimits.defaults());
        for (int i = -3; i < runs; i++) { // 3 warm-up rounds
            byte[] photo = photo(4000, 3000, i); // a different picture each round: nothing cached
            long t0 = System.nanoTime();
            Picture picture = reader.read(photo);
            long t1 = System.nanoTime();
            MemeTemplate template = pictures.template(picture, PictureLayout.CLASSIC);
            long t2 = System.nanoTime();
            renderer.render(template, List.of("when the photo is 12 megapixels", "and the bot does not care"), ImageFormat.JPEG);
            long t3 = System.nanoTime();
            if (i >= 0) {
                decode[i] = t1 - t0;
                keep[i] = t2 - t1;
                render[i] = t3 - t2;
            }
        }
        System.out.printf(Locale.ROOT, "12 MP JPEG (4000×3000), %d runs: check+decode p50 %.0f ms, scale+keep p50 %.0f ms, "
                        + "render p50 %.0f ms, total p50 %.0f ms%n", runs, p50(decode), p50(keep),
                p50(render), p50(decode) + p50(keep) + p50(render));
    }

    private static double p50(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    static byte[] photo(int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), w, h, new Color(230, 180, 80)));
        g.fillRect(0, 0, w, h);
        Random r = new Random(seed);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(w), r.nextInt(h), 20 + r.nextInt(300), 20 + r.nextInt(300));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
