package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.nio.file.Path;

/** Per AI template: how often the chosen caption fits the layout without being forced (args MODEL SEEDS). */
public final class LayoutFitSurvey {
    public static void main(String[] a) throws Exception {
        ModelCaptionWriter w = ModelCaptionWriter.load(Path.of(a[0]), CaptionFilter.standard(), SamplingSettings.defaults());
        int seeds = Integer.parseInt(a[1]);
        for (MemeTemplate t : TemplateCatalog.load(Path.of("templates")).aiCapable()) {
            int fit = 0;
            StringBuilder bad = new StringBuilder();
            for (int s = 0; s < seeds; s++) {
                CaptionSampler.Caption c = w.candidates(t, "", s, FilterLevel.STANDARD, 1).get(0);
                if (c.fitsLayout()) {
                    fit++;
                } else if (bad.length() < 200) {
                    bad.append(" [").append(c.forced()).append("] ").append(c.modelText());
                }
            }
            if (fit < seeds) {
                System.out.printf("%-16s %s %d/%d %s%n", t.key(), t.aiBoxCounts(), fit, seeds, bad);
            }
        }
    }
}
