package dev.memebattle.caption;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the caption network as a DL4J graph.
 *
 * <pre>
 * x0 = charEmb(prev char) + templateEmb(template) + boxEmb(box index)      (every position)
 * x(l+1) = x(l) + conv_l(relu(x(l)))     causal, kernel k, dilation d_l, identity activation
 * p = softmax(W_out · relu(head(relu(x_L))))                              head = 1x1 conv
 * </pre>
 * Inputs are {@code [minibatch, 1, T]} index arrays: chars, template, box. Output {@code [mb, vocab, T]}.
 * Pre-activation residual blocks and Xavier init: He init on an un-normalised residual stack did not train.
 * Every layer's data format is set to NCW explicitly: without setInputType DL4J leaves it null and the
 * output layer then reads the input as NWC.
 */
public final class CaptionNetwork {
    public static final String IN_CHARS = "chars";
    public static final String IN_TEMPLATE = "template";
    public static final String IN_BOX = "box";
    public static final String CHAR_EMB = "charEmb";
    public static final String TEMPLATE_EMB = "templateEmb";
    public static final String BOX_EMB = "boxEmb";
    public static final String HEAD = "head";
    public static final String OUT = "out";

    private CaptionNetwork() {
    }

    public static String conv(int layer) {
        return "conv" + layer;
    }

    public static ComputationGraph build(CaptionModelConfig c, double learningRate, long seed) {
        int ch = c.channels();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(1.0)
                .graphBuilder()
                .addInputs(IN_CHARS, IN_TEMPLATE, IN_BOX)
                .addLayer(CHAR_EMB, new EmbeddingSequenceLayer.Builder().nIn(c.vocabSize()).nOut(ch)
                        .hasBias(true).activation(Activation.IDENTITY).outputDataFormat(RNNFormat.NCW).build(), IN_CHARS)
                .addLayer(TEMPLATE_EMB, new EmbeddingSequenceLayer.Builder().nIn(c.templateCount()).nOut(ch)
                        .hasBias(false).activation(Activation.IDENTITY).outputDataFormat(RNNFormat.NCW).build(), IN_TEMPLATE)
                .addLayer(BOX_EMB, new EmbeddingSequenceLayer.Builder().nIn(c.boxCount()).nOut(ch)
                        .hasBias(false).activation(Activation.IDENTITY).outputDataFormat(RNNFormat.NCW).build(), IN_BOX)
                .addVertex("x0", new ElementWiseVertex(ElementWiseVertex.Op.Add), CHAR_EMB, TEMPLATE_EMB, BOX_EMB);
        String x = "x0";
        for (int l = 0; l < c.dilations().size(); l++) {
            g.addLayer("relu" + l, new ActivationLayer.Builder().activation(Activation.RELU).build(), x)
                    .addLayer(conv(l), new Convolution1DLayer.Builder()
                            .kernelSize(c.kernel()).dilation(c.dilations().get(l))
                            .convolutionMode(ConvolutionMode.Causal)
                            .nIn(ch).nOut(ch).activation(Activation.IDENTITY).rnnDataFormat(RNNFormat.NCW).build(), "relu" + l)
                    .addVertex("x" + (l + 1), new ElementWiseVertex(ElementWiseVertex.Op.Add), x, conv(l));
            x = "x" + (l + 1);
        }
        g.addLayer("reluTop", new ActivationLayer.Builder().activation(Activation.RELU).build(), x)
                .addLayer(HEAD, new Convolution1DLayer.Builder().kernelSize(1)
                        .convolutionMode(ConvolutionMode.Causal)
                        .nIn(ch).nOut(ch).activation(Activation.RELU).rnnDataFormat(RNNFormat.NCW).build(), "reluTop")
                .addLayer(OUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(ch).nOut(c.vocabSize()).dataFormat(RNNFormat.NCW).build(), HEAD)
                .setOutputs(OUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }
}
