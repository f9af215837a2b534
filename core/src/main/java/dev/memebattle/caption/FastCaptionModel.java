package dev.memebattle.caption;

import java.util.Arrays;

/**
 * The caption network in plain Java arrays with a cached, incremental forward pass: each new
 * character costs one column per layer, because every conv layer keeps a ring buffer of its past
 * inputs at the dilation offsets. Weights come from the model file
 * (the training module copies them out of the trained DL4J graph). Immutable and
 * thread-safe; per-sequence state lives in {@link State}.
 */
public final class FastCaptionModel {
    private static final int WEIGHTS_MAGIC = 0x4D42_4346; // "MBCF"
    private final CaptionModelConfig config;
    private final int ch;
    private final int vocab;
    private final float[] charEmb;      // [vocab][ch]
    private final float[] charBias;     // [ch]
    private final float[] templateEmb;  // [templates][ch]
    private final float[] boxEmb;       // [boxes][ch]
    private final float[][] convW;      // per layer [k][ch in][ch out]
    private final float[][] convB;      // per layer [ch]
    private final int[] dilation;
    private final float[] headW;        // [ch in][ch out]
    private final float[] headB;
    private final float[] outW;         // [ch][vocab]
    private final float[] outB;

    FastCaptionModel(CaptionModelConfig config, float[] charEmb, float[] charBias, float[] templateEmb,
                             float[] boxEmb, float[][] convW, float[][] convB, float[] headW, float[] headB,
                             float[] outW, float[] outB) {
        this.config = config;
        this.ch = config.channels();
        this.vocab = config.vocabSize();
        this.charEmb = charEmb;
        this.charBias = charBias;
        this.templateEmb = templateEmb;
        this.boxEmb = boxEmb;
        this.convW = convW;
        this.convB = convB;
        this.dilation = config.dilations().stream().mapToInt(Integer::intValue).toArray();
        this.headW = headW;
        this.headB = headB;
        this.outW = outW;
        this.outB = outB;
    }

    /** Writes the weights as raw floats (read back by {@link #readWeights} without DL4J or ND4J). */
    public void writeWeights(java.io.OutputStream out) throws java.io.IOException {
        java.io.DataOutputStream data = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        data.writeInt(WEIGHTS_MAGIC);
        for (float[] a : arrays()) {
            data.writeInt(a.length);
            for (float v : a) {
                data.writeFloat(v);
            }
        }
        data.flush();
    }

    /** Reads weights written by {@link #writeWeights} for a model of this {@code config}. */
    public static FastCaptionModel readWeights(java.io.InputStream in, CaptionModelConfig config) throws java.io.IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        if (data.readInt() != WEIGHTS_MAGIC) {
            throw new java.io.IOException("not a caption weights entry");
        }
        int layers = config.dilations().size();
        int ch = config.channels();
        int[] expected = new int[4 + 2 * layers];
        int i = 0;
        expected[i++] = config.vocabSize() * ch;
        expected[i++] = ch;
        expected[i++] = config.templateCount() * ch;
        expected[i++] = config.boxCount() * ch;
        for (int l = 0; l < layers; l++) {
            expected[i++] = config.kernel() * ch * ch;
            expected[i++] = ch;
        }
        float[][] a = new float[expected.length][];
        for (int k = 0; k < expected.length; k++) {
            a[k] = readArray(data, expected[k]);
        }
        float[] headW = readArray(data, ch * ch);
        float[] headB = readArray(data, ch);
        float[] outW = readArray(data, ch * config.vocabSize());
        float[] outB = readArray(data, config.vocabSize());
        float[][] convW = new float[layers][];
        float[][] convB = new float[layers][];
        for (int l = 0; l < layers; l++) {
            convW[l] = a[4 + 2 * l];
            convB[l] = a[5 + 2 * l];
        }
        return new FastCaptionModel(config, a[0], a[1], a[2], a[3], convW, convB, headW, headB, outW, outB);
    }

    private static float[] readArray(java.io.DataInputStream data, int expected) throws java.io.IOException {
        int n = data.readInt();
        if (n != expected) {
            throw new java.io.IOException("caption weights do not match the model config");
        }
        byte[] bytes = new byte[n * 4];
        data.readFully(bytes);
        float[] out = new float[n];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(out);
        return out;
    }

    private java.util.List<float[]> arrays() {
        java.util.List<float[]> out = new java.util.ArrayList<>(java.util.List.of(charEmb, charBias, templateEmb, boxEmb));
        for (int l = 0; l < convW.length; l++) {
            out.add(convW[l]);
            out.add(convB[l]);
        }
        out.addAll(java.util.List.of(headW, headB, outW, outB));
        return out;
    }

    /** True when both hold exactly the same weights. */
    public boolean sameWeights(FastCaptionModel other) {
        java.util.List<float[]> a = arrays();
        java.util.List<float[]> b = other.arrays();
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return config.equals(other.config);
    }

    public CaptionModelConfig config() {
        return config;
    }

    public State newState(int templateId) {
        return new State(templateId);
    }

    /** One sequence being generated or scored: its template, box index, and each layer's past inputs. */
    public final class State {
        private final int templateId;
        private final float[][] ring;   // per layer: (k-1)*d+1 past inputs of ch floats
        private final int[] ringLen;
        private int position;
        private int box;
        private final float[] x = new float[ch];
        private final float[] h = new float[ch];
        private final float[] top = new float[ch];

        private State(int templateId) {
            if (templateId < 0 || templateId >= config.templateCount()) {
                throw new IllegalArgumentException("template id out of range: " + templateId);
            }
            this.templateId = templateId;
            ring = new float[dilation.length][];
            ringLen = new int[dilation.length];
            for (int l = 0; l < dilation.length; l++) {
                ringLen[l] = (config.kernel() - 1) * dilation[l] + 1;
                ring[l] = new float[ringLen[l] * ch];
            }
        }

        /** A copy that continues independently (used to branch candidates after a shared prefix). */
        public State copy() {
            State s = new State(templateId);
            for (int l = 0; l < ring.length; l++) {
                System.arraycopy(ring[l], 0, s.ring[l], 0, ring[l].length);
            }
            s.position = position;
            s.box = box;
            return s;
        }

        public int position() {
            return position;
        }

        /** Index of the box the next character belongs to (number of separators fed so far). */
        public int box() {
            return box;
        }

        /**
         * Feeds the input token of the next position (START first, then each emitted token) and writes
         * the next-token probabilities into {@code probs} (length vocab).
         */
        public void step(int token, float[] probs) {
            embed(token);
            int k = config.kernel();
            for (int l = 0; l < dilation.length; l++) {
                pushRing(l);
                float[] r = ring[l];
                int len = ringLen[l];
                float[] w = convW[l];
                System.arraycopy(convB[l], 0, h, 0, ch);
                for (int j = 0; j < k; j++) {
                    int back = (k - 1 - j) * dilation[l];
                    if (back > position) {
                        continue; // causal zero padding
                    }
                    int src = ((position - back) % len) * ch;
                    int wj = j * ch * ch;
                    for (int i = 0; i < ch; i++) {
                        float v = r[src + i];
                        if (v == 0f) {
                            continue;
                        }
                        int wi = wj + i * ch;
                        for (int o = 0; o < ch; o++) {
                            h[o] += w[wi + o] * v;
                        }
                    }
                }
                for (int i = 0; i < ch; i++) {
                    x[i] += h[i];
                }
            }
            finish(probs);
        }

        /** x = embeddings of the input token, the template and the box index. */
        private void embed(int token) {
            if (token == CharVocabulary.SEPARATOR) {
                box++;
            }
            int boxId = Math.min(box, config.boxCount() - 1);
            int ce = token * ch;
            int te = templateId * ch;
            int be = boxId * ch;
            for (int i = 0; i < ch; i++) {
                x[i] = charEmb[ce + i] + charBias[i] + templateEmb[te + i] + boxEmb[be + i];
            }
        }

        /** Stores relu(x), the input of conv layer l, at this position in the layer's ring buffer. */
        private void pushRing(int l) {
            int base = (position % ringLen[l]) * ch;
            float[] r = ring[l];
            for (int i = 0; i < ch; i++) {
                r[base + i] = Math.max(0f, x[i]);
            }
        }

        /** Head and softmax on the last residual output; advances the position. */
        private void finish(float[] probs) {
            for (int i = 0; i < ch; i++) {
                x[i] = Math.max(0f, x[i]);
            }
            System.arraycopy(headB, 0, top, 0, ch);
            for (int i = 0; i < ch; i++) {
                float v = x[i];
                if (v == 0f) {
                    continue;
                }
                int wi = i * ch;
                for (int o = 0; o < ch; o++) {
                    top[o] += headW[wi + o] * v;
                }
            }
            System.arraycopy(outB, 0, probs, 0, vocab);
            for (int i = 0; i < ch; i++) {
                float v = Math.max(0f, top[i]);
                if (v == 0f) {
                    continue;
                }
                int wi = i * vocab;
                for (int o = 0; o < vocab; o++) {
                    probs[o] += outW[wi + o] * v;
                }
            }
            softmax(probs);
            position++;
        }
    }

    /**
     * Steps several sequences at once, {@code tokens[s]} into {@code states[s]}, probabilities into
     * {@code probs[s]}: each weight row is read once for all of them, which makes best-of-N much
     * cheaper than N separate steps. Results are bit-identical to {@link State#step}.
     */
    public void stepAll(State[] states, int count, int[] tokens, float[][] probs) {
        for (int s = 0; s < count; s++) {
            states[s].embed(tokens[s]);
        }
        int k = config.kernel();
        for (int l = 0; l < dilation.length; l++) {
            float[] w = convW[l];
            for (int s = 0; s < count; s++) {
                states[s].pushRing(l);
                System.arraycopy(convB[l], 0, states[s].h, 0, ch);
            }
            for (int j = 0; j < k; j++) {
                int back = (k - 1 - j) * dilation[l];
                int wj = j * ch * ch;
                for (int i = 0; i < ch; i++) {
                    int wi = wj + i * ch;
                    for (int s = 0; s < count; s++) {
                        State st = states[s];
                        if (back > st.position) {
                            continue;
                        }
                        float v = st.ring[l][((st.position - back) % st.ringLen[l]) * ch + i];
                        if (v == 0f) {
                            continue;
                        }
                        float[] h = st.h;
                        for (int o = 0; o < ch; o++) {
                            h[o] += w[wi + o] * v;
                        }
                    }
                }
            }
            for (int s = 0; s < count; s++) {
                float[] x = states[s].x;
                float[] h = states[s].h;
                for (int i = 0; i < ch; i++) {
                    x[i] += h[i];
                }
            }
        }
        for (int s = 0; s < count; s++) {
            states[s].finish(probs[s]);
        }
    }

    static void softmax(float[] p) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            float e = (float) Math.exp(p[i] - max);
            p[i] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int i = 0; i < p.length; i++) {
            p[i] *= inv;
        }
    }
}
