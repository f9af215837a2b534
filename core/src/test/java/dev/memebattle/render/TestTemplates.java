package dev.memebattle.render;

import dev.memebattle.TestData;
import dev.memebattle.template.FontFace;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateDefinitionException;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;
import dev.memebattle.template.TextAlign;
import dev.memebattle.template.TextBox;
import dev.memebattle.template.TextStyle;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hand-built templates for render tests, from the facts in the shared data's {@code templates/KEY/config.yml}
 * (deliberately not the project's template catalog, so that renderer tests do not move with the definition
 * files); {@link #defined} gives the catalog's own definitions, for tests of those layouts.
 */
final class TestTemplates {

    private TestTemplates() {
    }

    /** Why a test of other scripts was skipped ({@code .ci/run} fails on it, like on a missing ../shared/data). */
    static final String NEEDS_SCRIPT_FONTS = "Skipped: needs the CJK and emoji fonts (Debian: fonts-noto-cjk"
            + " fonts-symbola; .ci/run installs them)";

    /** For tests of the real pictures (golden images): skipped where ../shared/data is missing. */
    static Path sharedData() {
        return TestData.sharedData();
    }

    private static TemplateCatalog catalog;

    /**
     * A template as the project defines it in templates/KEY.yml, for tests of those layouts (the other
     * helpers here build fixed layouts that do not change when a definition file does).
     */
    static synchronized MemeTemplate defined(String key) {
        if (catalog == null) {
            try {
                catalog = TemplateCatalog.load(Path.of("templates"));
            } catch (TemplateDefinitionException e) {
                throw new IllegalStateException(e);
            }
        }
        return catalog.byKey(key).orElseThrow(() -> new IllegalArgumentException("no template " + key));
    }

    /** All templates as defined in templates/*.yml. */
    static List<MemeTemplate> definedAll() {
        defined("doge");
        return catalog.all();
    }

    /** All AI-capable templates as defined in templates/*.yml. */
    static List<MemeTemplate> definedAiCapable() {
        defined("doge");
        return catalog.aiCapable();
    }

    /** Template images: templates/KEY/IMAGEFILE from the shared data, or the tests' own ({@link FixtureImages}). */
    static TemplateImageSource sharedImages() {
        return template -> {
            Path p = TestData.templateImages().resolve(template.key()).resolve(template.imageFile());
            if (!Files.isRegularFile(p)) {
                throw new TemplateImageException("the image of template '" + template.key() + "' is missing");
            }
            return p;
        };
    }

    static Path imagePath(MemeTemplate t) {
        return TestData.templateImages().resolve(t.key()).resolve(t.imageFile());
    }

    static TextBox box(double ax, double ay, double sx, double sy, double angle, TextStyle style, String color,
                       FontFace font, TextAlign align, double start, double stop) {
        return new TextBox(ax, ay, sx, sy, angle, style, color, font, align, start, stop);
    }

    static TextBox impact(double ay, double sy) {
        return box(0.0, ay, 1.0, sy, 0.0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0.0, 1.0);
    }

    static MemeTemplate template(String key, String file, List<TextBox> boxes) {
        return new MemeTemplate(key, key, List.of(), null, boxes, List.of(), file,
                URI.create("https://example.invalid/" + key + "/" + file), "", false, null);
    }

    /** 620x620 JPEG; top and bottom boxes. */
    static MemeTemplate doge() {
        return template("doge", "default.jpg", List.of(impact(0.0, 0.2), impact(0.8, 0.2)));
    }

    /** 446x698 PNG; top and bottom boxes. */
    static MemeTemplate drake() {
        return template("drake", "default.png", List.of(impact(0.0, 0.2), impact(0.8, 0.2)));
    }

    /** 1444x1148 RGBA PNG (downscaled to 1024); one black, thin box rotated 23 degrees. */
    static MemeTemplate changeMyMind() {
        return template("cmm", "default.png", List.of(
                box(0.33, 0.33, 0.46, 0.25, 23.0, TextStyle.UPPER, "black", FontFace.THIN, TextAlign.CENTER, 0, 1)));
    }

    /** JPEG with five thin boxes in three hex colours. */
    static MemeTemplate stop() {
        return template("stop", "default.jpg", List.of(
                box(0.0, 0.0, 0.5, 0.06, 0, TextStyle.NONE, "#b1e0d0", FontFace.THIN, TextAlign.CENTER, 0, 1),
                box(0.5, 0.0, 0.5, 0.075, 0, TextStyle.NONE, "#ffb6a6", FontFace.THIN, TextAlign.CENTER, 0, 1),
                box(0.18, 0.335, 0.32, 0.18, 0, TextStyle.NONE, "#fff05c", FontFace.THIN, TextAlign.CENTER, 0, 1),
                box(0.5, 0.335, 0.5, 0.07, 0, TextStyle.NONE, "#b1e0d0", FontFace.THIN, TextAlign.CENTER, 0, 1),
                box(0.0, 0.67, 0.5, 0.075, 0, TextStyle.NONE, "#ffb6a6", FontFace.THIN, TextAlign.CENTER, 0, 1)));
    }

    /** 520x293 GIF, 43 full frames; two rotated boxes shown 0..0.54 and 0.61..0.75 of the animation. */
    static MemeTemplate crowd() {
        return template("crowd", "default.gif", List.of(
                box(0.14, 0.01, 0.38, 0.3, 8.0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0.0, 0.54),
                box(0.05, 0.01, 0.38, 0.3, 8.0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0.61, 0.75)));
    }

    /** 320x245 GIF, 91 partial frames (offsets, transparency); boxes shown 0.15..0.55 and 0.55..1.0. */
    static MemeTemplate patrick() {
        return template("patrick", "default.gif", List.of(
                box(0.0, 0.0, 1.0, 0.15, 0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0.15, 0.55),
                box(0.0, 0.85, 1.0, 0.15, 0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0.55, 1.0)));
    }

    /** 498x361 GIF with local colour tables per frame; top and bottom boxes. */
    static MemeTemplate fry() {
        return template("fry", "default.gif", List.of(impact(0.0, 0.2), impact(0.8, 0.2)));
    }
}
