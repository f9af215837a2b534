package dev.memebattle.render;

import dev.memebattle.template.FontFace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Assumes the CI font packages are installed (see FontBook). */
class GlyphFallbackTest {

    private static FontBook fonts;
    private static GlyphFallback fallback;

    /**
     * Other scripts come from installed fonts (not bundled: Noto CJK alone is 20 MB), so the tests of
     * where they go are skipped without them; {@code .ci/run} installs them and fails on the skip.
     */
    static void needsScriptFonts() {
        Assumptions.assumeTrue(fonts.find("Noto Sans CJK SC") != null && fonts.find("Symbola") != null,
                TestTemplates.NEEDS_SCRIPT_FONTS);
    }

    @BeforeAll
    static void fonts() {
        fonts = FontBook.system();
        fallback = new GlyphFallback(fonts);
    }

    @Test
    void impactLikeFaceIsBebasForCapitalsAndACasedFaceOtherwise() {
        assertThat(fonts.primary(FontFace.THICK, "SUCH MEME").getFamily()).startsWith("Bebas Neue");
        assertThat(fonts.primary(FontFace.THICK, "such meme").getFontName()).isEqualTo("DejaVu Sans Condensed Bold");
        assertThat(fonts.primary(FontFace.THIN, "x").getFontName()).isEqualTo("DejaVu Sans");
        assertThat(fonts.primary(FontFace.COMIC, "x").getFamily()).isEqualTo("Comic Neue");
    }

    @Test
    void everyRunsFontCanDisplayItsCharacters() {
        needsScriptFonts();
        for (String text : List.of("SUCH MEME 中文字 ПРИВЕТ ÉÀÇÑ ΕΛΛΗΝΙΚΆ 😂🔥👍 ひらがな 한국어 ✓",
                "mixed Ünïcödé ßtraße 日本語とカタカナ", "😂😂😂", "עברית عربي")) {
            for (FontFace face : FontFace.values()) {
                Font primary = fonts.primary(face, text);
                for (GlyphFallback.FontRun run : fallback.runs(text, primary, fonts.isBold(face))) {
                    String part = text.substring(run.start(), run.end());
                    part.codePoints().filter(cp -> cp != ' ').forEach(cp ->
                            assertThat(run.font().canDisplay(cp))
                                    .as("%s (U+%04X) in %s", Character.toString(cp), cp, run.font().getFontName())
                                    .isTrue());
                }
            }
        }
    }

    @Test
    void scriptsGoToTheExpectedFonts() {
        needsScriptFonts();
        String text = "MEME 中文 ПРИВЕТ 😂";
        Font primary = fonts.primary(FontFace.THICK, text);
        List<GlyphFallback.FontRun> runs = fallback.runs(text, primary, true);
        assertThat(fontOf(text, runs, "M")).startsWith("Bebas");
        assertThat(fontOf(text, runs, "П")).startsWith("Bebas"); // Bebas Neue has Cyrillic
        assertThat(fontOf(text, runs, "中")).startsWith("Noto Sans CJK SC");
        Font emoji = fontFor(text, runs, "😂");
        assertThat(emoji.canDisplay("😂".codePointAt(0))).isTrue();
        assertThat(emoji.getFamily()).isNotEqualTo(primary.getFamily());
    }

    @Test
    void kanaSelectsTheJapaneseCjkVariant() {
        needsScriptFonts();
        String text = "日本語です";
        List<GlyphFallback.FontRun> runs = fallback.runs(text, fonts.primary(FontFace.THICK, text), true);
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.font().getFontName()).contains("CJK JP"));
    }

    @Test
    void runsCoverTheTextContiguously() {
        String text = "a中b😂c";
        List<GlyphFallback.FontRun> runs = fallback.runs(text, fonts.primary(FontFace.THIN, text), false);
        assertThat(runs.get(0).start()).isZero();
        assertThat(runs.get(runs.size() - 1).end()).isEqualTo(text.length());
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).start()).isEqualTo(runs.get(i - 1).end());
            assertThat(runs.get(i).font()).isNotEqualTo(runs.get(i - 1).font());
        }
        assertThat(fallback.runs("", runs.get(0).font(), false)).isEmpty();
    }

    @Test
    void degradesWhenPreferredFontsAreMissing() {
        // Only DejaVu: THICK falls back to DejaVu Sans Condensed Bold, CJK to whatever can draw it.
        List<Font> dejavuOnly = FontBook.bundled().stream()
                .filter(f -> f.getFontName().startsWith("DejaVu")).collect(Collectors.toList());
        FontBook reduced = new FontBook(dejavuOnly);
        assertThat(reduced.primary(FontFace.THICK, "ABC").getFontName()).isEqualTo("DejaVu Sans Condensed Bold");
        assertThat(reduced.primary(FontFace.COMIC, "ABC").getFontName()).isEqualTo("DejaVu Sans");
        List<GlyphFallback.FontRun> runs = new GlyphFallback(reduced).runs("AB 中", reduced.primary(FontFace.THICK, "AB"), true);
        assertThat(runs).isNotEmpty();
        // Nothing installed at all: Java's logical SansSerif.
        FontBook empty = new FontBook(List.of());
        assertThat(empty.primary(FontFace.THICK, "ABC").getFamily()).isEqualTo(Font.SANS_SERIF);
        assertThat(new GlyphFallback(empty).runs("ok 中", empty.primary(FontFace.THIN, "ok"), false)).isNotEmpty();
    }

    private static String fontOf(String text, List<GlyphFallback.FontRun> runs, String ch) {
        return fontFor(text, runs, ch).getFontName();
    }

    private static Font fontFor(String text, List<GlyphFallback.FontRun> runs, String ch) {
        int at = text.indexOf(ch);
        return runs.stream().filter(r -> r.start() <= at && at < r.end()).findFirst().orElseThrow().font();
    }
}
