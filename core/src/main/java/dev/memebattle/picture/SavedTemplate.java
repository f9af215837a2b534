package dev.memebattle.picture;

import dev.memebattle.template.MemeTemplate;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A chat's own template: a picture its admins (or, where the chat allows it, its members) saved
 * under a name. Only that chat sees it.
 *
 * @param key     stable id ({@code saved-…}): what settings, posted memes and battles refer to, so a
 *                rename keeps them
 * @param name    what people type, unique in the chat ({@link SavedTemplates#normalName})
 * @param sha256  hex sha256 of the stored picture (as prepared: scaled, no metadata, band drawn in)
 * @param bytes   size of the stored picture, counted against the chat's quota
 * @param addedBy the user id of whoever saved it
 */
public record SavedTemplate(String key, String chatKey, String name, PictureLayout layout, String sha256,
                            boolean animated, long bytes, String addedBy, Instant addedAt) {

    /** The template the renderer and the caption model work with; its picture comes from {@link SavedTemplates#locate}. */
    public MemeTemplate template() {
        String file = animated ? "picture.gif" : "picture.jpg";
        return new MemeTemplate(key, name, List.of(), null, layout.boxes(), List.of(), file,
                URI.create("saved:" + key), sha256, true, layout.aiBoxCounts());
    }

    public SavedTemplate renamed(String newName) {
        return new SavedTemplate(key, chatKey, newName, layout, sha256, animated, bytes, addedBy, addedAt);
    }
}
