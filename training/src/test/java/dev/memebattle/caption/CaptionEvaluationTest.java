package dev.memebattle.caption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionEvaluationTest {

    @Test
    void scoresEveryCharacterOfEveryCaptionNextToTheBaseline(@TempDir Path dir) throws Exception {
        // a slice of the real corpus as the "training corpus" of this test (temp dir, not the repo)
        Path corpus = dir.resolve("slice.jsonl");
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(TestCorpus.captions())), StandardCharsets.UTF_8)).lines()) {
            Files.write(corpus, lines.limit(6000).toList());
        }
        TrainingOptions o = new TrainingOptions(corpus, dir.resolve("ckpt"), dir.resolve("model.zip"), 60, 16, 2, 2,
                32, 5e-3, 1, false, null, Integer.MAX_VALUE, 100, 100, 100, 100, 0.1, 128, 3, 0.15, false, 60, 0);
        new CaptionTrainer(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).train();

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Object> all = new CaptionEvaluation(new CaptionEvaluation.Options(corpus, dir.resolve("model.zip"),
                corpus, DataSplit.VALIDATION, false, 6, 20, 1, SamplingSettings.defaults(), true, Path.of("templates"), 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        List<CorpusCaption> validation = CaptionCorpus.split(CaptionCorpus.read(corpus), DataSplit.VALIDATION);
        long expectedChars = validation.stream().mapToLong(c -> c.modelText().codePointCount(0, c.modelText().length()) + 1).sum();
        assertThat(all.get("captions")).isEqualTo((long) validation.size());
        assertThat(all.get("chars")).isEqualTo(expectedChars);
        assertThat((double) all.get("bits_per_char")).isBetween(0.5, 8.0);
        assertThat((double) all.get("baseline_bits_per_char")).isBetween(0.5, 8.0);
        assertThat((double) all.get("accuracy")).isBetween(0.0, 1.0);
        // mixing two models never does worse than the worse of them (log-sum is concave in λ)
        assertThat((double) all.get("mixed_bits_per_char")).isLessThanOrEqualTo(
                Math.max((double) all.get("bits_per_char"), (double) all.get("baseline_bits_per_char")));
        for (String share : List.of("real_word_share", "verbatim_copy_share", "first_box_copy_share",
                "first_box_copy_share_human", "layout_fit_share")) {
            assertThat((double) all.get(share)).as(share).isBetween(0.0, 1.0);
        }
        assertThat((double) all.get("distinct_of_20")).isBetween(1.0, 20.0);
        assertThat((double) all.get("write_path_ms_p50")).isPositive();
        assertThat((String) all.get("reranker")).startsWith("none");

        // the reranker trained for this model goes into its file; the write path then uses it
        RerankerTraining.Summary reranker = new RerankerTraining(new PrintStream(log, true, StandardCharsets.UTF_8))
                .train(corpus, dir.resolve("model.zip"), 1);
        assertThat(reranker.heldOutAuc()).isBetween(0.0, 1.0);
        assertThat(reranker.words()).isGreaterThan(100);
        Map<String, Object> reranked = new CaptionEvaluation(new CaptionEvaluation.Options(corpus, dir.resolve("model.zip"),
                corpus, DataSplit.VALIDATION, false, 6, 20, 1, SamplingSettings.defaults(), false, Path.of("templates"), 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat((String) reranked.get("reranker")).startsWith("classifier held-out AUC");
        assertThat(CaptionModelFile.loadFast(dir.resolve("model.zip")).reranker()).isPresent();

        Map<String, Object> imgflip = new CaptionEvaluation(new CaptionEvaluation.Options(corpus, dir.resolve("model.zip"),
                corpus, DataSplit.VALIDATION, true, 6, 0, 1, SamplingSettings.defaults(), true, Path.of("templates"), 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat((long) imgflip.get("captions")).isLessThan(validation.size()).isPositive();
        assertThat(imgflip.get("filter")).isEqualTo("imgflip");
    }
}
