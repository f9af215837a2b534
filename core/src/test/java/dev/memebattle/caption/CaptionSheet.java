package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The human half of a blind reading (../shared/docs/caption-judging.md): COUNT validation-split
 * captions of AI templates drawn at random, one "template name<TAB>caption" per line, normalised as
 * the sheet wants (lowercase, " | " between boxes). The AI half comes from
 * {@code captions --template random --json}. Output goes to a scratch folder, never into the repo.
 * Arguments: COUNT SEED.
 */
public final class CaptionSheet {
    private CaptionSheet() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        List<MemeTemplate> ai = TemplateCatalog.load(Path.of("templates")).aiCapable();
        List<CorpusCaption> validation = CaptionCorpus.split(CaptionCorpus.read(TestCorpus.captions()), DataSplit.VALIDATION);
        for (int printed = 0; printed < count; ) {
            MemeTemplate t = ai.get(random.nextInt(ai.size()));
            List<CorpusCaption> of = validation.stream().filter(c -> t.key().equals(c.memegen())).toList();
            if (!of.isEmpty()) {
                List<String> boxes = of.get(random.nextInt(of.size())).boxes();
                System.out.println(t.name() + "\t" + String.join(" | ",
                        boxes.stream().map(CaptionText::normalizeBox).filter(b -> !b.isEmpty()).toList()));
                printed++;
            }
        }
    }
}
