package dev.memebattle.caption;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus split for training: training captions with slurs removed (and how many that was),
 * and the validation captions (kept as they are, so evaluation sees real data).
 */
public record PreparedCorpus(List<CorpusCaption> all, List<CorpusCaption> train, List<CorpusCaption> validation,
                             long removedForSlurs) {

    public static PreparedCorpus read(Path file, int limit, Blocklist slurs) throws IOException {
        List<CorpusCaption> all = CaptionCorpus.read(file, limit);
        List<CorpusCaption> train = new ArrayList<>();
        List<CorpusCaption> validation = new ArrayList<>();
        long removed = 0;
        for (CorpusCaption c : all) {
            if (CaptionCorpus.isValidation(c)) {
                validation.add(c);
            } else if (slurs.matches(c.modelText())) {
                removed++;
            } else {
                train.add(c);
            }
        }
        return new PreparedCorpus(all, train, validation, removed);
    }

    public static List<EncodedCaption> encode(List<CorpusCaption> captions, CharVocabulary vocab, TemplateIds templates) {
        List<EncodedCaption> out = new ArrayList<>(captions.size());
        for (CorpusCaption c : captions) {
            out.add(new EncodedCaption(vocab.encodeCaption(c.modelText()), templates.byImgflipId(c.imgflipId())));
        }
        return out;
    }

    public List<String> trainTexts() {
        return train.stream().map(CorpusCaption::modelText).toList();
    }
}
