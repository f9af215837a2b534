package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FastCaptionModelTest {

    @Test
    void incrementalForwardMatchesDl4jOnRandomWeightsAndRandomInputs() {
        CaptionModelConfig config = new CaptionModelConfig(24, 3, List.of(1, 2, 4, 8, 1), 30, 4, 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 7);
        randomizeAllParams(graph, 11);
        Random random = new Random(3);
        List<EncodedCaption> captions = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            int len = 5 + random.nextInt(40);
            int[] tokens = new int[len];
            for (int t = 0; t < len - 1; t++) {
                tokens[t] = random.nextInt(8) == 0 ? CharVocabulary.SEPARATOR
                        : 2 + random.nextInt(config.vocabSize() - 2);
            }
            tokens[len - 1] = CharVocabulary.END;
            captions.add(new EncodedCaption(tokens, random.nextInt(config.templateCount())));
        }
        assertThat(maxDifference(graph, config, captions)).isLessThan(1e-5);
    }

    @Test
    void incrementalForwardMatchesDl4jOnRealCaptions() throws Exception {
        List<CorpusCaption> real = CaptionCorpus.read(TestCorpus.captions(), 400);
        CharVocabulary vocab = CharVocabulary.build(real.stream().map(CorpusCaption::modelText).toList(), 2);
        TemplateIds templates = TemplateIds.fromCorpus(real);
        CaptionModelConfig config = new CaptionModelConfig(32, 3, List.of(1, 2, 4, 8, 16, 32, 1, 2),
                vocab.size(), templates.count(), 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 5);
        randomizeAllParams(graph, 12);
        List<EncodedCaption> encoded = PreparedCorpus.encode(real.subList(0, 40), vocab, templates);
        assertThat(encoded).anyMatch(c -> c.length() > 70); // long enough to reach the wide dilations
        assertThat(maxDifference(graph, config, encoded)).isLessThan(1e-5);
    }

    @Test
    void steppingSeveralSequencesAtOnceEqualsSteppingEachAlone() {
        CaptionModelConfig config = new CaptionModelConfig(20, 3, List.of(1, 2, 4, 1), 25, 3, 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 9);
        randomizeAllParams(graph, 13);
        FastCaptionModel fast = GraphWeights.of(graph, config);
        Random random = new Random(5);
        int n = 3;
        FastCaptionModel.State[] alone = new FastCaptionModel.State[n];
        FastCaptionModel.State[] together = new FastCaptionModel.State[n];
        float[] p = new float[config.vocabSize()];
        for (int s = 0; s < n; s++) {
            alone[s] = fast.newState(s);
            together[s] = fast.newState(s);
            for (int warm = 0; warm < s * 3; warm++) { // different positions per sequence
                int t = warm == 0 ? CharVocabulary.START : 3 + random.nextInt(20);
                alone[s].step(t, p);
                together[s].step(t, p);
            }
        }
        float[][] batched = new float[n][config.vocabSize()];
        float[] single = new float[config.vocabSize()];
        for (int step = 0; step < 12; step++) {
            int[] tokens = new int[n];
            for (int s = 0; s < n; s++) {
                tokens[s] = step == 0 && s == 0 ? CharVocabulary.START : 3 + random.nextInt(20);
            }
            fast.stepAll(together, n, tokens, batched);
            for (int s = 0; s < n; s++) {
                alone[s].step(tokens[s], single);
                assertThat(batched[s]).containsExactly(single);
            }
        }
    }

    /** eval scores in plain Java now: its bits/char and accuracy must be DL4J's, on 100 real captions. */
    @Test
    void plainJavaScorerGivesDl4jsBitsPerCharAndAccuracy() throws Exception {
        List<CorpusCaption> real = CaptionCorpus.read(TestCorpus.captions(), 400);
        CharVocabulary vocab = CharVocabulary.build(real.stream().map(CorpusCaption::modelText).toList(), 2);
        TemplateIds templates = TemplateIds.fromCorpus(real);
        CaptionModelConfig config = new CaptionModelConfig(32, 3, List.of(1, 2, 4, 8, 16, 32, 1, 2),
                vocab.size(), templates.count(), 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 5);
        randomizeAllParams(graph, 13);
        List<EncodedCaption> encoded = PreparedCorpus.encode(real.subList(0, 100), vocab, templates);

        ScoreResult dl4j = new GraphScorer(graph, config).score(encoded, -1);
        double[][] perPosition = new double[encoded.size()][];
        ScoreResult plain = new CaptionScorer(GraphWeights.of(graph, config)).score(encoded, -1, perPosition);
        assertThat(plain.chars()).isEqualTo(dl4j.chars());
        assertThat(plain.bitsPerChar()).isCloseTo(dl4j.bitsPerChar(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(plain.correct()).isEqualTo(dl4j.correct());
        assertThat(java.util.Arrays.stream(perPosition).mapToInt(p -> p.length).sum()).isEqualTo((int) plain.chars());
        ScoreResult generic = new CaptionScorer(GraphWeights.of(graph, config)).score(encoded, TemplateIds.GENERIC);
        assertThat(generic.bitsPerChar()).isCloseTo(new GraphScorer(graph, config).score(encoded, TemplateIds.GENERIC)
                .bitsPerChar(), org.assertj.core.data.Offset.offset(1e-5));
    }


    private static void randomizeAllParams(ComputationGraph graph, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray p = Nd4j.rand(graph.params().dataType(), graph.params().shape()).subi(0.5).muli(0.4);
        graph.setParams(p);
    }

    private static double maxDifference(ComputationGraph graph, CaptionModelConfig config,
                                        List<EncodedCaption> captions) {
        FastCaptionModel fast = GraphWeights.of(graph, config);
        MultiDataSet mds = CaptionBatches.build(captions, null, config.vocabSize(), config.boxCount(),
                Integer.MAX_VALUE);
        INDArray out = graph.output(false, mds.getFeatures())[0];
        double max = 0;
        float[] probs = new float[config.vocabSize()];
        for (int b = 0; b < captions.size(); b++) {
            EncodedCaption c = captions.get(b);
            FastCaptionModel.State state = fast.newState(c.templateId());
            for (int t = 0; t < c.length(); t++) {
                state.step(c.inputAt(t), probs);
                for (int v = 0; v < probs.length; v++) {
                    max = Math.max(max, Math.abs(probs[v] - out.getFloat(b, v, t)));
                }
            }
        }
        return max;
    }
}
