package dev.memebattle.caption;

import java.util.List;

/**
 * Everything besides the weights that the caption model needs: vocabulary, template ids,
 * network shape, training progress, data filtering facts. Stored as JSON inside the model zip.
 */
public record CaptionModelMeta(int format, CaptionModelConfig config, List<Integer> vocabulary,
                               List<TemplateIds.Entry> templates, TrainingProgress progress,
                               long removedTrainingCaptions) {
    public static final int FORMAT = 1;

    public CaptionModelMeta {
        vocabulary = List.copyOf(vocabulary);
        templates = List.copyOf(templates);
    }

    public CharVocabulary charVocabulary() {
        return new CharVocabulary(vocabulary);
    }

    public TemplateIds templateIds() {
        return new TemplateIds(templates);
    }

    public CaptionModelMeta withProgress(TrainingProgress p) {
        return new CaptionModelMeta(format, config, vocabulary, templates, p, removedTrainingCaptions);
    }
}
