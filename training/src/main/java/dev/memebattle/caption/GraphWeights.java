package dev.memebattle.caption;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** The bridge from a trained DL4J graph to the plain-Java {@link FastCaptionModel} the bot runs. */
public final class GraphWeights {
    private GraphWeights() {
    }

    /**
     * Copies the weights out of a DL4J caption graph. DL4J M2.1 stores {@code Convolution1DLayer}
     * weights as {@code [k][nIn][nOut]} in memory whatever shape it reports, so the raw buffer is read.
     */
    public static FastCaptionModel of(ComputationGraph graph, CaptionModelConfig config) {
        int layers = config.dilations().size();
        float[][] convW = new float[layers][];
        float[][] convB = new float[layers][];
        for (int l = 0; l < layers; l++) {
            convW[l] = raw(layer(graph, CaptionNetwork.conv(l)).getParam("W"));
            convB[l] = rows(layer(graph, CaptionNetwork.conv(l)).getParam("b"));
            expect(convW[l].length == config.kernel() * config.channels() * config.channels(), "conv" + l);
        }
        Layer charEmb = layer(graph, CaptionNetwork.CHAR_EMB);
        float[] headW = raw(layer(graph, CaptionNetwork.HEAD).getParam("W"));
        expect(headW.length == config.channels() * config.channels(), "head");
        float[] outW = rows(layer(graph, CaptionNetwork.OUT).getParam("W"));
        expect(outW.length == config.channels() * config.vocabSize(), "out");
        return new FastCaptionModel(config,
                rows(charEmb.getParam("W")), rows(charEmb.getParam("b")),
                rows(layer(graph, CaptionNetwork.TEMPLATE_EMB).getParam("W")),
                rows(layer(graph, CaptionNetwork.BOX_EMB).getParam("W")),
                convW, convB, headW, rows(layer(graph, CaptionNetwork.HEAD).getParam("b")),
                outW, rows(layer(graph, CaptionNetwork.OUT).getParam("b")));
    }

    private static Layer layer(ComputationGraph graph, String name) {
        Layer l = graph.getLayer(name);
        if (l == null) {
            throw new CaptionModelException("caption graph has no layer '" + name + "'");
        }
        return l;
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new CaptionModelException("caption graph layer '" + what + "' does not match the model config");
        }
    }

    /** The parameter view's memory in storage order, ignoring its reported shape (conv weights). */
    private static float[] raw(INDArray a) {
        float[] all = a.data().asFloat();
        return all.length == a.length() ? all
                : Arrays.copyOfRange(all, (int) a.offset(), (int) (a.offset() + a.length()));
    }

    /** A dense/embedding parameter in row-major order of its logical shape {@code [nIn, nOut]}. */
    private static float[] rows(INDArray a) {
        return a.dup('c').data().asFloat();
    }

}
