package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCaptionWriterTest {

    private static ModelCaptionWriter writer(CaptionFilter filter) {
        CharVocabulary vocab = new CharVocabulary("abcdefghijklmnopqrstuvwxyz ".codePoints().boxed().toList());
        TemplateIds templates = new TemplateIds(List.of(new TemplateIds.Entry(1, "8072285", "Doge", "doge")));
        CaptionModelConfig config = new CaptionModelConfig(16, 3, List.of(1, 2, 4), vocab.size(), templates.count(), 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 3);
        // a model that likes spaces, so captions have several short words
        graph.getLayer(CaptionNetwork.OUT).getParam("b").putScalar(vocab.id(' '), 2f);
        CaptionModelMeta meta = new CaptionModelMeta(CaptionModelMeta.FORMAT, config, vocab.characters(),
                templates.entries(), TrainingProgress.fresh(1), 0);
        return new ModelCaptionWriter(GraphWeights.of(graph, config), meta, java.util.Optional.empty(), filter,
                new SamplingSettings(1.0, 1.0, 60, 3, 30, 0.3));
    }

    @Test
    void blockedCandidatesAreResampledNeverReturned() {
        // block every word starting with "a" or "e": many random candidates contain one, many do not
        Blocklist strict = new Blocklist(List.of("a*", "e*"));
        CaptionFilter filter = new CaptionFilter(new Blocklist(List.of()), strict, null);
        ModelCaptionWriter w = writer(filter);
        ModelCaptionWriter unfiltered = writer(new CaptionFilter(new Blocklist(List.of()), new Blocklist(List.of()), null));
        MemeTemplate doge = CaptionTrainerTest.template("doge", "8072285", 2);
        int differsFromUnfiltered = 0;
        for (long seed = 0; seed < 30; seed++) {
            List<String> c = w.write(doge, "", seed, FilterLevel.STRICT);
            assertThat(c).hasSize(2);
            assertThat(strict.matches(String.join("|", c))).isFalse();
            if (!c.equals(unfiltered.write(doge, "", seed, FilterLevel.STRICT))) {
                differsFromUnfiltered++;
            }
            assertThat(w.write(doge, "", seed, FilterLevel.OFF)).isEqualTo(unfiltered.write(doge, "", seed, FilterLevel.OFF));
        }
        assertThat(differsFromUnfiltered).isPositive(); // the filter really replaced some captions
    }

    @Test
    void whenEverythingIsBlockedTheTemplateExampleIsReturned() {
        CaptionFilter filter = CaptionFilter.standard();
        ModelCaptionWriter w = writer(filter);
        MemeTemplate doge = CaptionTrainerTest.template("doge", "8072285", 2);
        // the user's own words contain a slur: every candidate starts with it, so none may be posted
        assertThat(w.write(doge, "faggot", 1, FilterLevel.STANDARD)).containsExactly("example", "example");
        assertThat(w.write(doge, "faggot", 1, FilterLevel.OFF).get(0)).startsWith("faggot");
    }
}
