package dev.memebattle.picture;

import dev.memebattle.render.ImageScaling;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes someone's picture a template for one meme: the checked picture is written once (scaled to
 * the renderer's long side, without any of the file's metadata) under {@code dir/KEY/}, and the
 * template points at it with a layout's boxes. Keys start with {@link #KEY_PREFIX}; the renderer
 * finds these pictures here ({@link #locate}) and everything else in the template store.
 */
public final class OwnPictures implements TemplateImageSource {

    public static final String KEY_PREFIX = "own-";
    /** What chats call a template made from someone's picture. */
    public static final String NAME = "Your picture";
    private static final Pattern OWN_KEY = Pattern.compile("own-([0-9a-f]{16})-(classic|top|bottom|band)");

    private final Path dir;
    private final int maxLongSide;

    /**
     * @param dir         where the pictures are kept (a cache: each can be made again from what was sent)
     * @param maxLongSide the renderer's long-side limit: larger pictures are scaled down once, here
     */
    public OwnPictures(Path dir, int maxLongSide) {
        this.dir = dir;
        this.maxLongSide = maxLongSide;
    }

    public static boolean isOwn(MemeTemplate template) {
        return template.key().startsWith(KEY_PREFIX);
    }

    /** A template of {@code picture} with {@code layout}'s boxes (the same picture and layout: the same template). */
    public MemeTemplate template(Picture picture, PictureLayout layout) throws UnusablePicture {
        String key = KEY_PREFIX + picture.id().substring(0, 16) + "-" + layout.name().toLowerCase(Locale.ROOT);
        Path path = dir.resolve(key).resolve(fileName(picture instanceof Picture.Animated));
        if (!Files.isRegularFile(path)) {
            keep(path, prepare(picture, layout));
        }
        return template(key, layout, path, picture.id());
    }

    /**
     * A one-off template made earlier, by its key (a 🔁 after a restart): found while its picture is
     * still kept here.
     */
    public Optional<MemeTemplate> byKey(String key) {
        Matcher m = OWN_KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        PictureLayout layout = PictureLayout.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        for (boolean animated : new boolean[] {false, true}) {
            Path path = dir.resolve(key).resolve(fileName(animated));
            if (Files.isRegularFile(path)) {
                return Optional.of(template(key, layout, path, m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static MemeTemplate template(String key, PictureLayout layout, Path path, String id) {
        return new MemeTemplate(key, NAME, List.of(), null, layout.boxes(), List.of(), path.getFileName().toString(),
                path.toUri(), id, true, layout.aiBoxCounts());
    }

    /** The file a template's picture is kept in: {@code picture.gif} or {@code picture.jpg}. */
    static String fileName(boolean animated) {
        return animated ? "picture.gif" : "picture.jpg";
    }

    /**
     * The picture as it is kept: a GIF as sent (its frames were checked), a still one scaled to the
     * renderer's long side and written from its pixels only, with the white band drawn in for
     * {@link PictureLayout#BAND}.
     */
    public byte[] prepare(Picture picture, PictureLayout layout) throws UnusablePicture {
        if (picture instanceof Picture.Animated animated) {
            if (layout == PictureLayout.BAND) {
                throw new UnusablePicture("The caption band works on still pictures; for a GIF use classic, top or bottom.");
            }
            return animated.gif();
        }
        BufferedImage image = scaled(((Picture.Still) picture).image());
        try {
            return jpeg(layout == PictureLayout.BAND ? withBand(image) : image);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the picture", e);
        }
    }

    /** Writes {@code bytes} to {@code path} whole or not at all (a reader never sees half a picture). */
    static void keep(Path path, byte[] bytes) {
        try {
            Files.createDirectories(path.getParent());
            Path partial = Files.createTempFile(path.getParent(), "picture", ".part");
            Files.write(partial, bytes);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the picture in " + path.getParent(), e);
        }
    }

    @Override
    public Path locate(MemeTemplate template) throws TemplateImageException {
        Path path = dir.resolve(template.key()).resolve(template.imageFile());
        if (!Files.isRegularFile(path)) {
            throw new TemplateImageException("That picture is gone from here — send it again.");
        }
        return path;
    }

    private BufferedImage scaled(BufferedImage image) {
        int[] size = ImageScaling.fitLongSide(image.getWidth(), image.getHeight(), maxLongSide);
        return size[0] == image.getWidth() ? image
                : ImageScaling.resize(image, size[0], size[1], BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage withBand(BufferedImage picture) {
        int band = (int) Math.round(picture.getHeight() * PictureLayout.BAND_SHARE);
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight() + band, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), band);
        g.drawImage(picture, 0, band, null);
        g.dispose();
        return out;
    }

    /** Written from pixels only: no EXIF (place, camera), no comments. */
    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
