package dev.memebattle.template;

import java.net.URI;
import java.util.List;

/**
 * A meme template: an image and where text goes on it. Loaded from {@code templates/KEY.yml}.
 *
 * @param key       stable id used in commands and file names ("doge")
 * @param aliases   other names people use, including imgflip's alternative names
 * @param imgflipId imgflip's numeric template id, or null when the template is not on imgflip
 * @param example   example text, one entry per box
 * @param imageFile file name of the image ("default.jpg"), in the images directory under {@code key/}
 * @param sourceUrl public URL the image is downloaded from when no local copy exists
 * @param sha256    hex sha256 of the image bytes; a download that does not match is refused
 * @param aiCapable the caption corpus has captions for this template
 */
public record MemeTemplate(
        String key, String name, List<String> aliases, String imgflipId,
        List<TextBox> boxes, List<String> example,
        String imageFile, URI sourceUrl, String sha256, boolean aiCapable) {

    public MemeTemplate {
        aliases = List.copyOf(aliases);
        boxes = List.copyOf(boxes);
        example = List.copyOf(example);
    }

    public boolean animated() {
        return imageFile.toLowerCase(java.util.Locale.ROOT).endsWith(".gif");
    }
}
