package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lines for a blind reading (docs caption-judging): "ai MODEL T N TARGET WEIGHT COUNT SEED" prints AI
 * captions, "human COUNT SEED" prints validation-split captions of the AI templates; one
 * "template<TAB>caption" per line, normalised the same way. Output goes to a scratch folder, never the repo.
 */
public final class CaptionSheet {
    public static void main(String[] a) throws Exception {
        List<MemeTemplate> ai = TemplateCatalog.load(Path.of("templates")).aiCapable();
        if (a[0].equals("human")) {
            int count = Integer.parseInt(a[1]);
            SplittableRandom r = new SplittableRandom(Long.parseLong(a[2]));
            List<CorpusCaption> val = CaptionCorpus.read(Path.of("../shared/data/captions/imgflip-captions.jsonl.gz"))
                    .stream().filter(CaptionCorpus::isValidation).filter(c -> c.memegen() != null).toList();
            for (int i = 0; i < count; i++) {
                MemeTemplate t = ai.get(r.nextInt(ai.size()));
                List<CorpusCaption> of = val.stream().filter(c -> t.key().equals(c.memegen())).toList();
                if (of.isEmpty()) {
                    i--;
                    continue;
                }
                CorpusCaption c = of.get(r.nextInt(of.size()));
                System.out.println(t.name() + "\t" + normal(c.boxes()));
            }
            return;
        }
        CaptionModelFile.Fast fast = CaptionModelFile.loadFast(Path.of(a[1]));
        SamplingSettings s = new SamplingSettings(Double.parseDouble(a[2]), 0.9, a.length > 8 ? Integer.parseInt(a[8]) : 140, Integer.parseInt(a[3]),
                Integer.parseInt(a[4]), Double.parseDouble(a[5]));
        ModelCaptionWriter w = new ModelCaptionWriter(fast.model(), fast.meta(), fast.reranker(), CaptionFilter.standard(), s);
        int count = Integer.parseInt(a[6]);
        SplittableRandom r = new SplittableRandom(Long.parseLong(a[7]));
        for (int i = 0; i < count; i++) {
            MemeTemplate t = ai.get(r.nextInt(ai.size()));
            System.out.println(t.name() + "\t" + normal(w.write(t, "", r.nextLong(), FilterLevel.STANDARD)));
        }
    }

    private static String normal(List<String> boxes) {
        return String.join(" | ", boxes.stream().map(CaptionText::normalizeBox).filter(b -> !b.isEmpty()).toList());
    }
}
