package dev.memebattle.caption;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Training step of the caption network with a handful of large matrix products per layer, on the DL4J
 * graph's own parameters, gradient view and updater.
 *
 * <p>Why: DL4J's Conv1D backprop (libnd4j conv1d_bp via im2col) took most of the training time. A causal
 * conv with kernel k is one product {@code [positions, k·ch] × [k·ch, ch]} over the input shifted by
 * 0, d, 2d… positions, so forward and backward here are matrix products plus copies. Everything else is
 * DL4J's: the per-layer L2 clipping and Adam run in the graph's updater, parameters and updater state stay
 * in the graph, checkpoints are unchanged. {@code CaptionBackpropTest} holds the loss, the gradients and
 * whole Adam steps equal to {@code ComputationGraph.fit}.
 *
 * <p>Layout: activations are {@code [caption · T + t, channel]} row-major matrices.
 */
final class CaptionBackprop {
    private final ComputationGraph graph;
    private final CaptionModelConfig config;
    /** Per layer, its parameters' views into the graph's gradient array (fixed for the graph's life). */
    private final Map<String, Map<String, INDArray>> gradientViews = new LinkedHashMap<>();

    CaptionBackprop(ComputationGraph graph, CaptionModelConfig config) {
        this.graph = graph;
        this.config = config;
        List<String> layers = new ArrayList<>(List.of(CaptionNetwork.CHAR_EMB, CaptionNetwork.TEMPLATE_EMB,
                CaptionNetwork.BOX_EMB));
        for (int l = 0; l < config.dilations().size(); l++) {
            layers.add(CaptionNetwork.conv(l));
        }
        layers.addAll(List.of(CaptionNetwork.HEAD, CaptionNetwork.OUT));
        for (String name : layers) {
            Layer layer = graph.getLayer(name);
            gradientViews.put(name, layer.conf().getLayer().initializer()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray()));
        }
    }

    /**
     * One Adam step as {@code ComputationGraph.fit} takes it: gradient of the summed loss, the graph's
     * updater (divides by the batch size, clips per layer, Adam at the current learning rate), then
     * {@code params -= update}.
     *
     * @return the batch's summed loss in nats
     */
    double fit(CaptionBatches.Tokens batch) {
        double loss = gradient(batch);
        INDArray flat = graph.getGradientsViewArray();
        DefaultGradient g = new DefaultGradient(flat);
        for (String name : gradientViews.keySet()) {
            for (Map.Entry<String, INDArray> e : gradientViews.get(name).entrySet()) {
                g.setGradientFor(name + "_" + e.getKey(), e.getValue());
            }
        }
        int iteration = graph.getIterationCount();
        graph.getUpdater(true).update(g, iteration, graph.getEpochCount(), batch.size(),
                LayerWorkspaceMgr.noWorkspaces());
        INDArray params = graph.params();
        params.subi(flat.reshape(params.shape()));
        graph.getConfiguration().setIterationCount(iteration + 1);
        return loss;
    }

    /**
     * Writes d(summed loss)/d(parameters) into the graph's gradient view.
     *
     * @return the summed loss over the batch's scored positions, in nats
     */
    double gradient(CaptionBatches.Tokens b) {
        int ch = config.channels();
        int k = config.kernel();
        int kc = k * ch;
        int len = b.length();
        int n = b.size() * len;
        int layers = config.dilations().size();

        // x0 = char embedding + its bias + template embedding + box embedding
        float[] charW = values(param(CaptionNetwork.CHAR_EMB, "W"));
        float[] charB = values(param(CaptionNetwork.CHAR_EMB, "b"));
        float[] templateW = values(param(CaptionNetwork.TEMPLATE_EMB, "W"));
        float[] boxW = values(param(CaptionNetwork.BOX_EMB, "W"));
        float[] x = new float[n * ch];
        forEachEmbeddingRow(b, ch, (o, c, tp, bx) -> {
            for (int i = 0; i < ch; i++) {
                x[o + i] = charW[c + i] + charB[i] + templateW[tp + i] + boxW[bx + i];
            }
        });

        // residual stack: x(l+1) = x(l) + u(l) · W(l) + b(l), u(l) = relu(x(l)) at t-2d, t-d, t side by side
        float[][] u = new float[layers][];
        INDArray[] uMatrix = new INDArray[layers];
        INDArray[] weights = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            int d = config.dilations().get(l);
            float[] ul = new float[n * kc];
            float[] xl = x;
            forEachTap(b.size(), len, k, d, (p, j, s) -> {
                int src = (p - s) * ch;
                int dst = p * kc + j * ch;
                for (int i = 0; i < ch; i++) {
                    ul[dst + i] = Math.max(0f, xl[src + i]);
                }
            });
            u[l] = ul;
            uMatrix[l] = matrix(ul, n, kc);
            weights[l] = convWeights(param(CaptionNetwork.conv(l), "W"));
            addRows(x, product(uMatrix[l], false, weights[l], false), values(param(CaptionNetwork.conv(l), "b")));
        }
        float[] top = relu(x);
        INDArray topM = matrix(top, n, ch);
        INDArray headW = convWeights(param(CaptionNetwork.HEAD, "W"));
        float[] head = product(topM, false, headW, false);
        addRows(head, null, values(param(CaptionNetwork.HEAD, "b")));
        head = relu(head);
        INDArray headM = matrix(head, n, ch);
        INDArray outW = param(CaptionNetwork.OUT, "W");
        int vocab = config.vocabSize();
        float[] z = product(headM, false, outW, false);
        addRows(z, null, values(param(CaptionNetwork.OUT, "b")));

        // softmax cross-entropy on scored positions; d(loss)/d(logits) = p - onehot
        float[] dz = new float[n * vocab];
        double loss = 0;
        for (int p = 0; p < n; p++) {
            int target = b.targets()[p];
            if (target < 0) {
                continue;
            }
            int o = p * vocab;
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, z[o + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                sum += Math.exp(z[o + v] - max);
            }
            double logSum = Math.log(sum) + max;
            loss += logSum - z[o + target];
            for (int v = 0; v < vocab; v++) {
                dz[o + v] = (float) Math.exp(z[o + v] - logSum);
            }
            dz[o + target] -= 1f;
        }
        INDArray dzM = matrix(dz, n, vocab);
        write(CaptionNetwork.OUT, "W", matrix(product(headM, true, dzM, false), ch, vocab));
        write(CaptionNetwork.OUT, "b", columnSums(dz, vocab));
        float[] dHead = product(dzM, false, outW, true);
        zeroWhereInactive(dHead, head);
        INDArray dHeadM = matrix(dHead, n, ch);
        convWeights(gradientViews.get(CaptionNetwork.HEAD).get("W"))
                .assign(matrix(product(topM, true, dHeadM, false), ch, ch));
        write(CaptionNetwork.HEAD, "b", columnSums(dHead, ch));
        float[] dx = product(dHeadM, false, headW, true);
        zeroWhereInactive(dx, top);

        for (int l = layers - 1; l >= 0; l--) {
            String name = CaptionNetwork.conv(l);
            INDArray dxM = matrix(dx, n, ch);
            convWeights(gradientViews.get(name).get("W"))
                    .assign(matrix(product(uMatrix[l], true, dxM, false), kc, ch));
            write(name, "b", columnSums(dx, ch));
            float[] du = product(dxM, false, weights[l], true);
            // dx(l) = dx(l+1) + relu'(x(l)) · each tap's slice of du moved back by its offset;
            // relu(x(l)) itself is u's last (unshifted) tap. Taps stay inside their caption's rows.
            int d = config.dilations().get(l);
            float[] ul = u[l];
            float[] dxl = dx;
            forEachTap(b.size(), len, k, d, (p, j, s) -> {
                int src = p * kc + j * ch;
                int dst = (p - s) * ch;
                int active = (p - s) * kc + (k - 1) * ch;
                for (int i = 0; i < ch; i++) {
                    if (ul[active + i] > 0f) {
                        dxl[dst + i] += du[src + i];
                    }
                }
            });
        }

        // embeddings: scatter-add the gradient of x0 by char, template and box
        float[] dChar = new float[charW.length];
        float[] dTemplate = new float[templateW.length];
        float[] dBox = new float[boxW.length];
        float[] dx0 = dx;
        forEachEmbeddingRow(b, ch, (o, c, tp, bx) -> {
            for (int i = 0; i < ch; i++) {
                float g = dx0[o + i];
                dChar[c + i] += g;
                dTemplate[tp + i] += g;
                dBox[bx + i] += g;
            }
        });
        write(CaptionNetwork.CHAR_EMB, "W", matrix(dChar, config.vocabSize(), ch));
        write(CaptionNetwork.CHAR_EMB, "b", columnSums(dx, ch));
        write(CaptionNetwork.TEMPLATE_EMB, "W", matrix(dTemplate, config.templateCount(), ch));
        write(CaptionNetwork.BOX_EMB, "W", matrix(dBox, config.boxCount(), ch));
        return loss;
    }

    /** What {@link #forEachEmbeddingRow} calls: offsets of x0's row and of the char, template and box rows. */
    private interface EmbeddingVisitor {
        void visit(int row, int charRow, int templateRow, int boxRow);
    }

    /** Visits every position in order with the offsets of the embedding rows that make up its x0. */
    private static void forEachEmbeddingRow(CaptionBatches.Tokens b, int ch, EmbeddingVisitor visit) {
        for (int p = 0; p < b.inputs().length; p++) {
            visit.visit(p * ch, b.inputs()[p] * ch, b.templates()[p / b.length()] * ch, b.boxes()[p] * ch);
        }
    }

    /** What {@link #forEachTap} calls: position p reads (forward) or feeds (backward) position p - s through tap j. */
    private interface TapVisitor {
        void visit(int p, int j, int s);
    }

    /**
     * Visits every position of every caption and every tap of a causal conv whose source position lies
     * inside the same caption (earlier ones are the zero padding). Captions run on parallel threads: each
     * touches only its own rows.
     */
    private static void forEachTap(int captions, int len, int k, int dilation, TapVisitor visit) {
        IntStream.range(0, captions).parallel().forEach(caption -> {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < k; j++) {
                    int s = (k - 1 - j) * dilation;
                    if (t >= s) {
                        visit.visit(caption * len + t, j, s);
                    }
                }
            }
        });
    }

    /** op(a) · op(b) as a row-major array (gemm into a row-major result, whatever the inputs' order). */
    private static float[] product(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows, cols}, 'c');
        Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
        float[] values = new float[(int) (rows * cols)];
        out.data().asNioFloat().get(values);
        return values;
    }

    /** A row-major matrix over a copy of the values (a bulk NIO copy: 3-5x faster than Nd4j.create(float[])). */
    private static INDArray matrix(float[] rowMajor, long rows, long cols) {
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows, cols}, 'c');
        m.data().asNioFloat().put(rowMajor);
        return m;
    }

    /** Adds {@code add} (when given) and the bias to every row of {@code x}. */
    private static void addRows(float[] x, float[] add, float[] bias) {
        int cols = bias.length;
        for (int o = 0; o < x.length; o += cols) {
            for (int i = 0; i < cols; i++) {
                x[o + i] += (add == null ? 0f : add[o + i]) + bias[i];
            }
        }
    }

    private static float[] relu(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(0f, x[i]);
        }
        return out;
    }

    /** relu backward: zeroes the gradient where the relu output (same row layout) is zero. */
    private static void zeroWhereInactive(float[] gradient, float[] reluOutput) {
        for (int i = 0; i < gradient.length; i++) {
            if (reluOutput[i] <= 0f) {
                gradient[i] = 0f;
            }
        }
    }

    private static INDArray columnSums(float[] rowMajor, int cols) {
        float[] sums = new float[cols];
        for (int o = 0; o < rowMajor.length; o += cols) {
            for (int i = 0; i < cols; i++) {
                sums[i] += rowMajor[o + i];
            }
        }
        return Nd4j.create(sums, new long[]{cols}, 'c');
    }

    private INDArray param(String layer, String name) {
        return graph.getLayer(layer).getParam(name);
    }

    /**
     * Writes a gradient given in the parameter's logical shape (dense and embedding weights, biases). The
     * updater subtracts the flat gradient from the flat parameters element by element, so the gradient's
     * storage must follow the parameter's storage order ('f' for DL4J's dense weights).
     */
    private void write(String layer, String name, INDArray gradient) {
        INDArray param = param(layer, name);
        storage(gradientViews.get(layer).get(name), param.length(), 1)
                .assign(Nd4j.toFlattened(param.ordering(), gradient.reshape(param.shape())));
    }

    /**
     * A conv weight (or its gradient) as the {@code [k·ch in, ch out]} matrix its storage holds: tap-major,
     * then input channel, then output channel (the same reading as {@link FastCaptionModel}).
     */
    private INDArray convWeights(INDArray view) {
        long out = config.channels();
        return storage(view, view.length() / out, out);
    }

    /** The memory behind a contiguous parameter or gradient view, as a row-major {@code [rows, cols]} matrix. */
    private static INDArray storage(INDArray view, long rows, long cols) {
        DataBuffer data = view.data();
        long offset = data.length() == view.length() ? 0 : view.offset();
        return Nd4j.create(data, new long[]{rows, cols}, new long[]{cols, 1}, offset, 'c', DataType.FLOAT);
    }

    private static INDArray row(INDArray bias) {
        return bias.reshape(bias.length());
    }

    private static float[] values(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
