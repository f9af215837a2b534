package dev.memebattle.render;

import dev.memebattle.template.FontFace;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TextAlign;
import dev.memebattle.template.TextStyle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the README gallery (docs/gallery/*.jpg) with our renderer. Run from the project root:
 * {@code java -cp target/test-classes:target/classes:$(deps) -Dmemebattle.shared.data=../shared/data
 * dev.memebattle.render.GalleryWriter [outputDir]}.
 */
public final class GalleryWriter {

    private GalleryWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/gallery");
        Files.createDirectories(out);
        TestTemplates.sharedData(); // the gallery shows the real pictures
        RenderLimits limits = RenderLimits.defaults().withMaxLongSide(600).withMaxBytes(150 * 1024);
        MemeRenderer renderer = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(), limits);

        MemeTemplate dailyStruggle = TestTemplates.template("ds", "default.jpg", List.of(
                TestTemplates.box(0.085, 0.085, 0.32, 0.095, 12.5, TextStyle.NONE, "black", FontFace.THIN,
                        TextAlign.CENTER, 0, 1),
                TestTemplates.box(0.455, 0.055, 0.23, 0.09, 10.5, TextStyle.NONE, "black", FontFace.THIN,
                        TextAlign.CENTER, 0, 1),
                TestTemplates.box(0.04, 0.82, 0.92, 0.15, 0, TextStyle.UPPER, "white", FontFace.THICK,
                        TextAlign.CENTER, 0, 1)));
        MemeTemplate fry = TestTemplates.template("fry", "default.png",
                List.of(TestTemplates.impact(0.0, 0.2), TestTemplates.impact(0.8, 0.2)));

        Map<String, Object[]> gallery = new LinkedHashMap<>();
        gallery.put("doge", new Object[] {TestTemplates.defined("doge"),
                List.of("such gallery", "very render", "wow", "much colour", "so layout")});
        gallery.put("drake", new Object[] {TestTemplates.drake(),
                List.of("testing in production", "golden renders in CI")});
        gallery.put("change-my-mind", new Object[] {TestTemplates.defined("cmm"),
                List.of("every meme bot needs a test suite")});
        gallery.put("stop-it-patrick", new Object[] {TestTemplates.stop(),
                List.of("Patrick", "Squidward", "Is a screenshot a test?", "No, Patrick",
                        "Then why does the golden file fail?")});
        gallery.put("daily-struggle", new Object[] {dailyStruggle,
                List.of("tabs", "spaces", "every single code review")});
        gallery.put("fry-unicode", new Object[] {fry,
                List.of("not sure if привет", "or 你好 \uD83D\uDE02\uD83D\uDD25")});

        for (Map.Entry<String, Object[]> e : gallery.entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> texts = (List<String>) e.getValue()[1];
            RenderedMeme meme = renderer.render((MemeTemplate) e.getValue()[0], texts, ImageFormat.JPEG);
            Path file = out.resolve(e.getKey() + "." + meme.fileExtension());
            Files.write(file, meme.bytes());
            System.out.println(file + ": " + meme);
        }
    }
}
