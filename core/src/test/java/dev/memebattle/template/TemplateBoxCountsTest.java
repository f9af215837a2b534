package dev.memebattle.template;

import dev.memebattle.TestData;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ai_box_counts} in templates/*.yml agrees with the caption corpus (how many boxes people fill per
 * template), and the record's defaults and checks.
 */
class TemplateBoxCountsTest {

    /** Listed counts must cover this share of a template's captions that its layout can show. */
    private static final double MIN_COVERAGE = 0.80;
    /** A listed count must be used by at least this share of the captions (the importer uses 8%). */
    private static final double MIN_SHARE_OF_A_LISTED_COUNT = 0.05;

    private static TemplateCatalog catalog;
    /** memegen key → (filled boxes → captions). */
    private static Map<String, TreeMap<Integer, Integer>> corpus;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Caption(String memegen, List<String> boxes) {
    }

    /** Read once, by the first test (a skip in @BeforeAll would not show in the test reports). */
    @BeforeEach
    void load() throws Exception {
        if (corpus != null) {
            return;
        }
        catalog = TemplateCatalog.load(Path.of("templates"));
        Path file = TestData.sharedData().resolve("captions").resolve("imgflip-captions.jsonl.gz");
        ObjectMapper json = new ObjectMapper();
        Map<String, TreeMap<Integer, Integer>> read = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Caption c = json.readValue(line, Caption.class);
                if (c.memegen() != null) {
                    int filled = (int) c.boxes().stream().filter(b -> b != null && !b.isBlank()).count();
                    read.computeIfAbsent(c.memegen(), k -> new TreeMap<>()).merge(filled, 1, Integer::sum);
                }
            }
            corpus = read;
        } catch (IOException e) {
            throw new IOException("cannot read the caption corpus " + file + " (see ../shared/data/README.md)", e);
        }
    }

    @Test
    void aiCapableTemplatesAreExactlyThoseWithCorpusCaptions() {
        assertThat(catalog.aiCapable()).extracting(MemeTemplate::key)
                .containsExactlyInAnyOrderElementsOf(corpus.keySet());
    }

    @Test
    void aiBoxCountsAreTheCountsPeopleUse() {
        for (MemeTemplate t : catalog.aiCapable()) {
            TreeMap<Integer, Integer> counts = corpus.get(t.key());
            int layout = t.boxes().size();
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int mostCommon = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String what = t.key() + " (layout " + layout + " boxes, ai_box_counts " + t.aiBoxCounts()
                    + ", corpus " + counts + ")";

            assertThat(mostCommon).as("most common count fits the layout: " + what).isLessThanOrEqualTo(layout);
            assertThat(t.aiBoxCounts()).as("lists the most common count: " + what).contains(mostCommon);
            int showable = counts.headMap(layout, true).values().stream().mapToInt(Integer::intValue).sum();
            int covered = t.aiBoxCounts().stream().mapToInt(n -> counts.getOrDefault(n, 0)).sum();
            assertThat((double) covered / showable).as("coverage of captions with <= layout boxes: " + what)
                    .isGreaterThanOrEqualTo(MIN_COVERAGE);
            for (int n : t.aiBoxCounts()) {
                assertThat((double) counts.getOrDefault(n, 0) / total).as("share of " + n + " boxes: " + what)
                        .isGreaterThanOrEqualTo(MIN_SHARE_OF_A_LISTED_COUNT);
            }
        }
    }

    @Test
    void templatesWithoutCaptionsFillEveryBox() {
        for (MemeTemplate t : catalog.all()) {
            if (!t.aiCapable()) {
                assertThat(t.aiBoxCounts()).as(t.key()).containsExactly(t.boxes().size());
            }
        }
    }

    @Test
    void topBottomTemplatesMayHaveATopLineAlone() {
        // The corpus: these top/bottom templates are captioned with the top line alone in 51-76% of captions.
        for (String key : List.of("aag", "aint-got-time", "ams", "boat", "cb", "dodgson", "sparta", "ss", "wonka", "xy")) {
            assertThat(catalog.byKey(key).orElseThrow().aiBoxCounts()).as(key).containsExactly(1, 2);
        }
    }

    @Test
    void recordDefaultsAndChecks() {
        TextBox box = new TextBox(0, 0, 1, 0.2, 0, TextStyle.UPPER, "#ffffff", FontFace.THICK, TextAlign.CENTER, 0, 1);
        assertThat(template(List.of(box, box, box), null).aiBoxCounts()).containsExactly(3);
        assertThat(template(List.of(), null).aiBoxCounts()).isEmpty();
        assertThat(template(List.of(box, box, box), List.of(3, 1)).aiBoxCounts()).containsExactly(1, 3);
        assertThatThrownBy(() -> template(List.of(box, box), List.of(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1..2");
        assertThatThrownBy(() -> template(List.of(box, box), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template(List.of(box, box), List.of(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> template(List.of(box, box), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MemeTemplate template(List<TextBox> boxes, List<Integer> aiBoxCounts) {
        return new MemeTemplate("t", "T", List.of(), null, boxes, List.of(), "default.jpg",
                URI.create("https://example.invalid/t.jpg"), "", true, aiBoxCounts);
    }
}
