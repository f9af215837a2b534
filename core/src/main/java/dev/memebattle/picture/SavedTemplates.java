package dev.memebattle.picture;

import dev.memebattle.template.ChatTemplates;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Chats' own templates: a picture saved under a name, seen by that chat only. The pictures live in
 * the {@link SavedTemplateStore} (the database every process shares); the renderer reads them from
 * files written here on first use ({@link #locate}), so a process that has never seen a template
 * still draws it.
 */
public final class SavedTemplates implements ChatTemplates, TemplateImageSource {

    public static final String KEY_PREFIX = "saved-";
    public static final int MAX_NAME_CHARS = 32;
    /** Letters or digits, then letters, digits, "-" or "_": one word, so "/meme office-cat wow" splits plainly. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{1,31}");

    private final SavedTemplateStore store;
    private final PictureReader reader;
    private final OwnPictures pictures;
    private final Path dir;
    private final SavedTemplateStore.Quota quota;
    private final Clock clock;

    /**
     * @param pictures prepares a picture the way one-off pictures are kept (scaled, no metadata, band)
     * @param dir      where pictures are written as files for the renderer (a cache of the store)
     */
    public SavedTemplates(SavedTemplateStore store, PictureReader reader, OwnPictures pictures, Path dir,
                          SavedTemplateStore.Quota quota, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.pictures = pictures;
        this.dir = dir;
        this.quota = quota;
        this.clock = clock;
    }

    public static boolean isSaved(MemeTemplate template) {
        return template.key().startsWith(KEY_PREFIX);
    }

    /** How names are compared and kept: lower case, spaces as "-" ("Office Cat" is office-cat). */
    public static String normalName(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }

    /** Whether {@link #normalName normalised} {@code name} can name a template. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** What a chat may keep. */
    public SavedTemplateStore.Quota quota() {
        return quota;
    }

    public List<SavedTemplate> list(String chatKey) {
        return store.list(chatKey);
    }

    @Override
    public List<MemeTemplate> templates(String chatKey) {
        return store.list(chatKey).stream().map(SavedTemplate::template).toList();
    }

    public Optional<SavedTemplate> named(String chatKey, String name) {
        String wanted = normalName(name);
        return store.list(chatKey).stream().filter(t -> t.name().equals(wanted)).findFirst();
    }

    /** Any chat's template by key (posted memes, battles); empty once removed. */
    @Override
    public Optional<MemeTemplate> byKey(String key) {
        return key.startsWith(KEY_PREFIX) ? store.byKey(key).map(SavedTemplate::template) : Optional.empty();
    }

    /**
     * Checks {@code picture} as any picture a user sends, prepares it for {@code layout} and saves it
     * under {@code name} (already {@link #normalName normalised} and {@link #validName valid}).
     *
     * @throws UnusablePicture the picture is refused; nothing is saved
     */
    public SavedTemplateStore.Change add(String chatKey, String name, PictureLayout layout, byte[] picture,
                                         String addedBy) throws UnusablePicture {
        Picture read = reader.read(picture);
        byte[] kept = pictures.prepare(read, layout);
        String key = KEY_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        SavedTemplate template = new SavedTemplate(key, chatKey, name, layout, PictureReader.sha256(kept),
                read instanceof Picture.Animated, kept.length, addedBy, clock.instant());
        return store.add(template, kept, quota);
    }

    public SavedTemplateStore.Change rename(String chatKey, String name, String newName) {
        return store.rename(chatKey, name, newName);
    }

    /** Removes the template, its stored picture and this process's file of it. */
    public SavedTemplateStore.Change remove(String chatKey, String name) {
        SavedTemplateStore.Change change = store.remove(chatKey, name);
        if (change instanceof SavedTemplateStore.Done done) {
            Path file = file(done.template().template());
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (java.io.IOException ignored) {
                // a leftover file is only a cache entry nobody can reach: its key is gone
            }
        }
        return change;
    }

    @Override
    public Path locate(MemeTemplate template) throws TemplateImageException {
        Path path = file(template);
        if (!Files.isRegularFile(path)) {
            byte[] bytes = store.picture(template.key())
                    .orElseThrow(() -> new TemplateImageException("The template \"" + template.name() + "\" was removed."));
            OwnPictures.keep(path, bytes);
        }
        return path;
    }

    private Path file(MemeTemplate template) {
        return dir.resolve(template.key()).resolve(template.imageFile());
    }
}
