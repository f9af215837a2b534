package dev.memebattle.caption;

import dev.memebattle.template.FontFace;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TextAlign;
import dev.memebattle.template.TextBox;
import dev.memebattle.template.TextStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trains a tiny model for seconds on a slice of the real corpus. */
class CaptionTrainerTest {

    private static TrainingOptions tiny(Path dir, long batches, boolean resume) {
        return new TrainingOptions(TestCorpus.captions(), dir.resolve("ckpt"), dir.resolve("models/caption-model.zip"),
                60, 24, 3, 4, 32, 5e-3, 1, resume, null, 4000, 300, 100, 100, 2, 0.1, 128, 5, 0.15, false, batches, 0);
    }

    @Test
    void lossFallsCheckpointsResumeAndTheModelWritesCaptions(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        CaptionTrainer.Summary first = new CaptionTrainer(tiny(dir, 150, false), out).train();

        assertThat(first.lastValidationBitsPerChar()).isLessThan(first.firstValidationBitsPerChar() - 1.0);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("chars/s", "ETA", "bits/char");
        assertThat(dir.resolve("ckpt/" + CaptionTrainer.LATEST)).isRegularFile();
        Path model = dir.resolve("models/caption-model.zip");
        assertThat(model).isRegularFile();
        assertThat(dir.resolve("models/" + CaptionTrainer.HISTORY_JSON)).isRegularFile();
        assertThat(javax.imageio.ImageIO.read(dir.resolve("models/" + CaptionTrainer.CURVE_PNG).toFile()).getWidth())
                .isGreaterThan(100);

        CaptionTrainer.Summary second = new CaptionTrainer(tiny(dir, 20, true), out).train();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resumed from");
        assertThat(second.firstValidationBitsPerChar()).isCloseTo(first.lastValidationBitsPerChar(),
                org.assertj.core.data.Offset.offset(1e-3));
        TrainingProgress progress = CaptionModelFile.readMeta(model).progress();
        assertThat(progress.runs()).isEqualTo(2);
        assertThat(progress.trainedChars()).isEqualTo(first.chars() + second.chars());

        CaptionGraphFile.Loaded viaDl4j = CaptionGraphFile.load(model, false);
        // Resuming from the shipped model (no Adam moments) restarts Adam's step count with them;
        // a checkpoint keeps both.
        assertThat(CaptionGraphFile.load(model, true).graph().getIterationCount()).isZero();
        assertThat(CaptionGraphFile.load(dir.resolve("ckpt/" + CaptionTrainer.LATEST), true).graph()
                .getIterationCount()).isEqualTo(170);
        assertThat(CaptionModelFile.loadFast(model).model()
                .sameWeights(GraphWeights.of(viaDl4j.graph(), viaDl4j.meta().config()))).isTrue();

        ModelCaptionWriter writer = ModelCaptionWriter.load(model, CaptionFilter.standard(), SamplingSettings.defaults());
        MemeTemplate doge = template("doge", "8072285", 2);
        List<String> caption = writer.write(doge, "wow", 7, FilterLevel.STANDARD);
        assertThat(caption).hasSize(2);
        assertThat(caption.get(0)).startsWith("wow");
        assertThat(writer.write(doge, "wow", 7, FilterLevel.STANDARD)).isEqualTo(caption);
        MemeTemplate unknown = template("nosuchtemplate", null, 3);
        assertThat(writer.templateId(unknown)).isEqualTo(TemplateIds.GENERIC);
        assertThat(writer.write(unknown, "", 1, FilterLevel.STRICT)).hasSize(3);
    }

    @Test
    void missingOrCorruptModelFilesGiveAClearMessage(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelCaptionWriter.load(dir.resolve("nope.zip"), null, SamplingSettings.defaults()))
                .isInstanceOf(CaptionModelException.class)
                .hasMessageContaining("not found").hasMessageContaining("nope.zip");
        Path corrupt = dir.resolve("corrupt.zip");
        Files.write(corrupt, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> ModelCaptionWriter.load(corrupt, null, SamplingSettings.defaults()))
                .isInstanceOf(CaptionModelException.class)
                .hasMessageContaining("corrupt");
    }

    static MemeTemplate template(String key, String imgflipId, int boxes) {
        TextBox box = new TextBox(0, 0, 1, 0.25, 0, TextStyle.UPPER, "white", FontFace.THICK, TextAlign.CENTER, 0, 1);
        return new MemeTemplate(key, key, List.of(), imgflipId, java.util.Collections.nCopies(boxes, box),
                java.util.Collections.nCopies(boxes, "example"), "default.jpg", java.net.URI.create("https://example.com/x.jpg"),
                "00", true, null);
    }
}
