package dev.memebattle.render;

import dev.memebattle.template.FontFace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps template font faces to fonts, and lists the fonts used for characters the main face cannot
 * display. The main faces (Bebas Neue, DejaVu Sans and its condensed bold, Comic Neue) ship inside the
 * jar ({@code fonts/}, with their licences), so a meme looks the same on every machine and nothing needs
 * installing. Scripts they lack come from installed OS fonts: the Debian packages {@code fonts-noto-cjk}
 * (Chinese, Japanese, Korean) and {@code fonts-symbola} (emoji); a missing one is reported once (WARN, at
 * construction). A missing main face (only with a hand-picked font list) falls back to the next
 * candidate, in the end to Java's logical {@code SansSerif}.
 *
 * <p>Thread-safe and meant to be built once per process (scanning the installed fonts takes ~0.1 s).
 */
public final class FontBook {

    private static final Logger LOG = LoggerFactory.getLogger(FontBook.class);

    /** Bebas Neue: Impact-like, but it has no lowercase (a-z are drawn as capitals). */
    private static final List<String> THICK_CAPS = List.of("Bebas Neue Bold", "Bebas Neue Regular");
    private static final List<String> THICK_CASED = List.of(
            "DejaVu Sans Condensed Bold", "Liberation Sans Narrow Bold", "DejaVu Sans Bold", "Liberation Sans Bold");
    private static final List<String> THIN = List.of("DejaVu Sans", "Liberation Sans", "Noto Sans");
    private static final List<String> COMIC = List.of("Comic Neue Bold", "Comic Neue", "Comic Sans MS Bold");

    private static final int LAST_RESORT_CACHE_LIMIT = 8192;

    private final Map<String, Font> installed = new HashMap<>();
    private final List<Font> allFonts;
    private final Font thickCaps;
    private final Font thickCased;
    private final Font thin;
    private final Font comic;
    private final List<Font> boldFallbacks;
    private final List<Font> regularFallbacks;
    private final List<Font> boldFallbacksJapanese;
    private final List<Font> regularFallbacksJapanese;
    private final Map<Integer, Optional<Font>> lastResort = new ConcurrentHashMap<>();

    /** The faces shipped in the jar (these files come from the Debian font packages named above). */
    static final List<String> BUNDLED = List.of("BebasNeue-Bold.otf", "BebasNeue-Regular.otf",
            "DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf",
            "ComicNeue-Bold.otf", "ComicNeue-Regular.otf");

    /** The bundled faces, then the fonts installed on this machine (for other scripts). */
    public static FontBook system() {
        List<Font> fonts = new ArrayList<>(bundled());
        fonts.addAll(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()));
        return new FontBook(fonts);
    }

    /** The faces shipped in the jar; the constructor takes the first font of each name, so these win. */
    public static List<Font> bundled() {
        List<Font> fonts = new ArrayList<>();
        for (String file : BUNDLED) {
            try (InputStream in = FontBook.class.getResourceAsStream("/fonts/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("The font fonts/" + file + " is missing from the jar; rebuild it");
                }
                fonts.add(Font.createFont(Font.TRUETYPE_FONT, in));
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("The bundled font fonts/" + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return fonts;
    }

    /** @param fonts the fonts to choose from (tests pass a subset to check the fallbacks) */
    public FontBook(Collection<Font> fonts) {
        for (Font f : fonts) {
            installed.putIfAbsent(normalize(f.getFontName(Locale.ROOT)), f);
        }
        allFonts = List.copyOf(fonts);
        Font sansBold = new Font(Font.SANS_SERIF, Font.BOLD, 1);
        Font sans = new Font(Font.SANS_SERIF, Font.PLAIN, 1);
        thickCased = pick("THICK (mixed case)", THICK_CASED, sansBold);
        thickCaps = pick("THICK", THICK_CAPS, thickCased);
        thin = pick("THIN", THIN, sans);
        comic = pick("COMIC", COMIC, thin);
        boldFallbacks = present(List.of("DejaVu Sans Bold", "DejaVu Sans", "Noto Sans CJK SC Bold",
                "Noto Sans CJK SC", "Symbola", "DejaVu Sans Mono"));
        regularFallbacks = present(List.of("DejaVu Sans", "Noto Sans CJK SC", "Symbola", "DejaVu Sans Mono"));
        boldFallbacksJapanese = present(List.of("DejaVu Sans Bold", "DejaVu Sans", "Noto Sans CJK JP Bold",
                "Noto Sans CJK JP", "Symbola", "DejaVu Sans Mono"));
        regularFallbacksJapanese = present(List.of("DejaVu Sans", "Noto Sans CJK JP", "Symbola", "DejaVu Sans Mono"));
        if (find("Noto Sans CJK SC") == null) {
            LOG.warn("Font 'Noto Sans CJK' is not installed (Debian: fonts-noto-cjk): Chinese/Japanese/Korean "
                    + "text may be drawn as boxes");
        }
        if (find("Symbola") == null) {
            LOG.warn("Font 'Symbola' is not installed (Debian: fonts-symbola): most emoji will be drawn as boxes");
        }
    }

    /**
     * The main font of a box (size 1; derive the size you need).
     *
     * @param text the (styled) text: the caps-only THICK face is used only when it has no lowercase letters
     */
    public Font primary(FontFace face, String text) {
        if (face == null) {
            return thickCaps;
        }
        return switch (face) {
            case THICK -> hasLowercase(text) ? thickCased : thickCaps;
            case THIN -> thin;
            case COMIC -> comic;
        };
    }

    /** Bold faces get bold fallbacks, so a mixed-script line keeps one weight. */
    public boolean isBold(FontFace face) {
        return face != FontFace.THIN;
    }

    /**
     * Fonts tried in order for characters the main face cannot display.
     *
     * @param text Han characters are drawn with the Japanese variant of Noto CJK when the text has kana,
     *             with the Simplified Chinese one otherwise
     */
    public List<Font> fallbacks(boolean bold, String text) {
        boolean japanese = hasKana(text);
        if (bold) {
            return japanese ? boldFallbacksJapanese : boldFallbacks;
        }
        return japanese ? regularFallbacksJapanese : regularFallbacks;
    }

    /** Any installed font that can display the code point (slow path, cached), or null. */
    public Font lastResort(int codePoint) {
        Optional<Font> cached = lastResort.get(codePoint);
        if (cached != null) {
            return cached.orElse(null);
        }
        Optional<Font> found = allFonts.stream().filter(f -> f.canDisplay(codePoint)).findFirst();
        if (lastResort.size() < LAST_RESORT_CACHE_LIMIT) {
            lastResort.put(codePoint, found);
        }
        return found.orElse(null);
    }

    /** An installed font by face name ("DejaVu Sans Bold"), or null. */
    public Font find(String faceName) {
        return installed.get(normalize(faceName));
    }

    private Font pick(String role, List<String> candidates, Font fallback) {
        for (String name : candidates) {
            Font f = find(name);
            if (f != null) {
                return f;
            }
        }
        LOG.warn("No preferred font installed for {} (tried {}); using {}", role, candidates, fallback.getFontName());
        return fallback;
    }

    private List<Font> present(List<String> names) {
        List<Font> fonts = new ArrayList<>();
        for (String name : names) {
            Font f = find(name);
            if (f != null) {
                fonts.add(f);
            }
        }
        return List.copyOf(fonts);
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean hasLowercase(String text) {
        return text != null && text.codePoints().anyMatch(Character::isLowerCase);
    }

    private static boolean hasKana(String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
            return b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA
                    || b == Character.UnicodeBlock.KATAKANA_PHONETIC_EXTENSIONS;
        });
    }
}
