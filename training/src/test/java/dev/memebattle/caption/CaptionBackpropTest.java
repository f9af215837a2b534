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

class CaptionBackpropTest {
    private static final CaptionModelConfig CONFIG = new CaptionModelConfig(24, 3, List.of(1, 2, 4, 8, 1), 30, 4, 8);

    @Test
    void lossAndGradientsEqualDl4jBackprop() {
        ComputationGraph graph = randomGraph(21);
        List<EncodedCaption> batch = captions(new Random(4), 6);
        int[] dropout = {-1, TemplateIds.GENERIC, -1, -1, 2, -1};
        MultiDataSet mds = CaptionBatches.build(batch, dropout, CONFIG.vocabSize(), CONFIG.boxCount(), 30);
        graph.setInputs(mds.getFeatures());
        graph.setLabels(mds.getLabels());
        graph.setLayerMaskArrays(null, mds.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        double dl4jScore = graph.score();
        INDArray dl4j = graph.gradient().gradient().dup();
        graph.getGradientsViewArray().assign(0);

        double loss = new CaptionBackprop(graph, CONFIG).gradient(CaptionBatches.tokens(batch, dropout, CONFIG.boxCount(), 30));
        INDArray ours = graph.getGradientsViewArray();

        // DL4J's score is the summed loss over the number of captions
        assertThat(loss / batch.size()).isCloseTo(dl4jScore, org.assertj.core.data.Percentage.withPercentage(1e-3));
        // DL4J's score is the summed loss over the number of captions
        assertThat(loss / batch.size()).isCloseTo(dl4jScore, org.assertj.core.data.Percentage.withPercentage(1e-3));
        for (String name : new String[]{"charEmb","templateEmb","boxEmb","conv0","conv1","conv4","head","out"}) {
            INDArray a = graph.getLayer(name).getGradientsViewArray();
            long off = a.offset() - graph.getGradientsViewArray().offset();
            INDArray e = dl4j.reshape(dl4j.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + a.length()));
            System.out.println(name + " " + off + " " + a.length() + " ours " + a.amaxNumber() + " dl4j " + e.amaxNumber() + " diff " + a.reshape(a.length()).sub(e).amaxNumber() + " sums " + a.sumNumber() + " " + e.sumNumber() + " W " + java.util.Arrays.toString(graph.getLayer(name).getParam("W").shape()) + graph.getLayer(name).getParam("W").ordering() + " params " + graph.getLayer(name).paramTable().keySet());
        }
        double scale = dl4j.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0.1);
        assertThat(ours.sub(dl4j).amaxNumber().doubleValue() / scale).isLessThan(1e-4);
    }

    @Test
    void adamStepsEqualComputationGraphFit() {
        ComputationGraph reference = randomGraph(22);
        ComputationGraph ours = reference.clone();
        CaptionBackprop backprop = new CaptionBackprop(ours, CONFIG);
        Random random = new Random(8);
        for (int step = 0; step < 4; step++) {
            List<EncodedCaption> batch = captions(random, 5 + step);
            reference.fit(CaptionBatches.build(batch, null, CONFIG.vocabSize(), CONFIG.boxCount(), 256));
            backprop.fit(CaptionBatches.tokens(batch, null, CONFIG.boxCount(), 256));
        }
        assertThat(ours.getIterationCount()).isEqualTo(reference.getIterationCount()).isEqualTo(4);
        INDArray moved = reference.params().sub(randomGraph(22).params());
        assertThat(moved.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        assertThat(ours.params().sub(reference.params()).amaxNumber().doubleValue()).isLessThan(2e-5);
        assertThat(ours.getUpdater().getStateViewArray().sub(reference.getUpdater().getStateViewArray())
                .amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    private static ComputationGraph randomGraph(long seed) {
        ComputationGraph graph = CaptionNetwork.build(CONFIG, 1e-3, 7);
        Nd4j.getRandom().setSeed(seed);
        graph.setParams(Nd4j.rand(graph.params().dataType(), graph.params().shape()).subi(0.5).muli(0.4));
        return graph;
    }

    /** Lengths 3–40 so some batches are shorter than a layer's reach (dilation 8: 16 positions back). */
    private static List<EncodedCaption> captions(Random random, int count) {
        List<EncodedCaption> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] tokens = new int[3 + random.nextInt(38)];
            for (int t = 0; t < tokens.length - 1; t++) {
                tokens[t] = random.nextInt(8) == 0 ? CharVocabulary.SEPARATOR : 4 + random.nextInt(CONFIG.vocabSize() - 4);
            }
            tokens[tokens.length - 1] = CharVocabulary.END;
            out.add(new EncodedCaption(tokens, random.nextInt(CONFIG.templateCount())));
        }
        return out;
    }
}
