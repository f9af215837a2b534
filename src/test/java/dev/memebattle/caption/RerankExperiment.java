package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Prints sampled candidates with every reranking measure, to see which ones separate sense from salad. */
public final class RerankExperiment {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        double temperature = Double.parseDouble(args[1]);
        int requests = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        CaptionModelFile.Fast fast = CaptionModelFile.loadFast(model);
        CaptionReranker reranker = fast.reranker().orElseThrow();
        CaptionSampler sampler = new CaptionSampler(fast.model(), fast.meta().charVocabulary());
        List<MemeTemplate> ai = TemplateCatalog.load(Path.of("templates")).aiCapable();
        SamplingSettings s = SamplingSettings.defaults();
        s = new SamplingSettings(temperature, s.topP(), s.maxLength(), n, s.targetLength(), s.lengthWeight());
        SplittableRandom pick = new SplittableRandom(7);
        for (int r = 0; r < requests; r++) {
            MemeTemplate t = ai.get(pick.nextInt(ai.size()));
            int id = fast.meta().templateIds().lookup(t.imgflipId(), t.key(), t.name());
            System.out.println("== " + t.name());
            for (CaptionSampler.Caption c : sampler.candidates(id, ModelCaptionWriter.boxPlan(t), "", 1000 + r, s)) {
                CorpusWords.Measures m = reranker.words().measure(c.modelText());
                System.out.println(String.format(Locale.ROOT,
                        "bpc %.2f wb %.1f max %.1f gain %.2f ming %5.1f unseen %.2f unk %.2f rep %d clf %5.2f f%d cp%s | %s",
                        c.bitsPerChar(), m.meanBits(), m.maxBits(), m.meanGain(), m.minGain(), m.unseenPairs(),
                        m.unknownWords(), m.repeatedPairs(), reranker.humanLogit(c), c.forced(),
                        reranker.words().copiesCaption(c.modelText()) ? "C" : reranker.words().copiesFirstBox(c.modelText()) ? "F" : "-",
                        c.modelText()));
            }
        }
    }
}
