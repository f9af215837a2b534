package dev.memebattle.caption;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Trains the {@link CaptionReranker} for a model file: word statistics from the training split, then
 * a classifier that tells the validation split's human captions (which neither the model nor the
 * word statistics saw) from captions the model samples for the same templates from its own
 * distribution (temperature 1, no top-p): what separates the two is where the model goes wrong, not
 * the bot's sampling settings. A fifth of both, chosen by hash, is held out to measure the classifier.
 */
public final class RerankerTraining {
    private static final int HIDDEN = 16;
    private static final int EPOCHS = 400;

    private final PrintStream progress;

    public RerankerTraining(PrintStream progress) {
        this.progress = progress;
    }

    /** What a run measured: held-out AUC and accuracy of the classifier. */
    public record Summary(int human, int sampled, double heldOutAuc, double heldOutAccuracy, int words, int bigrams) {
    }

    public Summary train(Path captions, Path modelFile, long seed) throws IOException {
        PreparedCorpus corpus = PreparedCorpus.read(captions, Integer.MAX_VALUE, Blocklist.resource("slurs.txt"));
        CorpusWords words = CorpusWords.build(corpus.trainTexts());
        say("word statistics: %,d words, %,d word pairs, %,d content words used together, from %,d training captions",
                words.vocabularySize(), words.bigramCount(), words.togetherCount(), corpus.train().size());
        CaptionModelFile.Fast fast = CaptionModelFile.loadFast(modelFile, false);
        CaptionSampler sampler = new CaptionSampler(fast.model(), fast.meta().charVocabulary());
        TemplateIds ids = fast.meta().templateIds();
        SamplingSettings d = SamplingSettings.defaults();
        SamplingSettings one = new SamplingSettings(1.0, 1.0, d.maxLength(), 1, d.targetLength(), d.lengthWeight());

        List<double[]> x = new ArrayList<>();
        List<Boolean> human = new ArrayList<>();
        List<Boolean> heldOut = new ArrayList<>();
        long t0 = System.nanoTime();
        int n = 0;
        for (CorpusCaption c : corpus.validation()) {
            String text = c.modelText();
            List<String> boxes = CaptionText.split(text);
            if (text.isBlank() || boxes.stream().anyMatch(String::isEmpty)) {
                continue;
            }
            boolean held = Math.floorMod(CaptionText.stableHash(text), 5) == 0;
            x.add(RerankerWeights.features(words.measure(text)));
            human.add(true);
            heldOut.add(held);
            CaptionSampler.Caption ai = sampler.candidates(ids.byImgflipId(c.imgflipId()),
                    CaptionSampler.BoxPlan.exactly(boxes.size()), "", seed + n, one).get(0);
            x.add(RerankerWeights.features(words.measure(ai.modelText())));
            human.add(false);
            heldOut.add(held);
            if (++n % 2000 == 0) {
                say("sampled %,d captions (%.0f s)", n, (System.nanoTime() - t0) / 1e9);
            }
        }
        int features = RerankerWeights.FEATURES.size();
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (double[] row : x) {
            for (int f = 0; f < features; f++) {
                mean[f] += row[f] / x.size();
            }
        }
        for (double[] row : x) {
            for (int f = 0; f < features; f++) {
                scale[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / x.size();
            }
        }
        for (int f = 0; f < features; f++) {
            scale[f] = Math.max(1e-6, Math.sqrt(scale[f]));
        }
        MultiLayerNetwork net = network(features, seed);
        DataSet train = dataSet(x, human, heldOut, false, mean, scale);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            net.fit(train);
        }
        RerankerWeights weights = weights(net, mean, scale, Double.NaN, "");
        List<Double> heldScores = new ArrayList<>();
        List<Boolean> heldLabels = new ArrayList<>();
        int correct = 0;
        for (int i = 0; i < x.size(); i++) {
            if (heldOut.get(i)) {
                double s = weights.humanLogit(x.get(i));
                heldScores.add(s);
                heldLabels.add(human.get(i));
                if ((s > 0) == human.get(i)) {
                    correct++;
                }
            }
        }
        double auc = auc(heldScores, heldLabels);
        double accuracy = (double) correct / heldScores.size();
        weights = weights(net, mean, scale, auc, String.format(Locale.ROOT,
                "%,d held-out human captions vs %,d samples (temperature 1, no top-p); features %s",
                n, n, RerankerWeights.FEATURES));
        CaptionModelFile.writeReranker(modelFile, new CaptionReranker(words, weights));
        say("reranker: held-out AUC %.3f, accuracy %.3f (%d captions); written into %s", auc, accuracy,
                heldScores.size(), modelFile);
        return new Summary(n, n, auc, accuracy, words.vocabularySize(), words.bigramCount());
    }

    private static MultiLayerNetwork network(int features, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(features).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(HIDDEN).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet dataSet(List<double[]> x, List<Boolean> human, List<Boolean> heldOut, boolean held,
                                   double[] mean, double[] scale) {
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (heldOut.get(i) == held) {
                double[] r = x.get(i).clone();
                for (int f = 0; f < r.length; f++) {
                    r[f] = (r[f] - mean[f]) / scale[f];
                }
                rows.add(r);
                labels.add(human.get(i) ? 1.0 : 0.0);
            }
        }
        INDArray features = Nd4j.create(rows.toArray(new double[0][]));
        INDArray out = Nd4j.create(labels.stream().mapToDouble(Double::doubleValue).toArray(), new long[]{labels.size(), 1});
        return new DataSet(features.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                out.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }

    private static RerankerWeights weights(MultiLayerNetwork net, double[] mean, double[] scale, double auc,
                                           String trainedOn) {
        INDArray w0 = net.getLayer(0).getParam("W").dup('c');
        INDArray b0 = net.getLayer(0).getParam("b");
        INDArray w1 = net.getLayer(1).getParam("W");
        INDArray b1 = net.getLayer(1).getParam("b");
        return new RerankerWeights(boxed(mean), boxed(scale), boxed(w0.data().asDouble()),
                boxed(b0.dup().data().asDouble()), boxed(w1.dup().data().asDouble()), b1.getDouble(0), auc, trainedOn);
    }

    private static List<Double> boxed(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    /** Probability that a random human caption scores above a random sample (ties count half). */
    static double auc(List<Double> scores, List<Boolean> positive) {
        Integer[] order = new Integer[scores.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores.get(a), scores.get(b)));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores.get(order[j + 1]).equals(scores.get(order[i]))) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive.get(order[k])) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = order.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private void say(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, format, args));
    }
}
