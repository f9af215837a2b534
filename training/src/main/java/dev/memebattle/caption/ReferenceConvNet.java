package dev.memebattle.caption;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * imgflip's caption architecture (embedding 16, 5 x Conv1D 1024 kernel 5 with max pooling, global
 * max pooling, dense 1024, softmax), random weights, in DL4J: it predicts one character from a
 * window of the last 128, so a caption costs one full forward pass per character. Only used to
 * time it side by side with our model. Batch normalisation is left out: DL4J M2.1's
 * BatchNormalization fails on 1-D conv output, and it is a small share of the time anyway.
 */
public final class ReferenceConvNet {
    public static final int WINDOW = 128;
    private final MultiLayerNetwork net;
    private final int vocab;

    public ReferenceConvNet(int vocab, long seed) {
        this.vocab = vocab;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(16).hasBias(false)
                        .activation(Activation.IDENTITY).outputDataFormat(RNNFormat.NCW).build());
        for (int i = 0; i < 5; i++) {
            b.layer(new Convolution1DLayer.Builder().kernelSize(5).nOut(1024).convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU).rnnDataFormat(RNNFormat.NCW).build());
            if (i < 3) {
                b.layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build());
            }
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(1024).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(vocab)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(vocab, WINDOW, RNNFormat.NCW));
        MultiLayerConfiguration conf = b.build();
        net = new MultiLayerNetwork(conf);
        net.init();
        // setInputType sets the embedding's nIn from the input type: make sure it is the vocabulary
        if (net.getLayer(0).getParam("W").size(0) != vocab) {
            throw new IllegalStateException("reference net embedding has the wrong vocabulary size");
        }
    }

    public long parameters() {
        return net.numParams();
    }

    /** Generates {@code chars} characters greedily, one full forward pass of the window per character. */
    public int[] generate(int chars) {
        float[] window = new float[WINDOW];
        int[] out = new int[chars];
        for (int c = 0; c < chars; c++) {
            INDArray in = Nd4j.create(window, new long[]{1, 1, WINDOW}, 'c');
            INDArray p = net.output(in);
            int next = Nd4j.argMax(p, 1).getInt(0);
            out[c] = next;
            System.arraycopy(window, 1, window, 0, WINDOW - 1);
            window[WINDOW - 1] = next % vocab;
        }
        return out;
    }
}
