package dev.memebattle.caption;

/**
 * Orders sampled candidates, best first, as a product of experts: the character model's own score
 * (bits/char, length prior, cut boxes: {@link CaptionSampler.Caption#score()}), which knows spelling and
 * the template's phrasing but loses the thread between words, plus the log-odds of the
 * {@link RerankerWeights} classifier that the words hang together the way people's do, minus penalties
 * for copied first boxes and captions, repeated phrases and boxes the layout forced.
 */
public final class CaptionReranker {
    /** A copied first box costs this much logit: people reuse stock openings, but a bot that always does is dull. */
    static final double FIRST_BOX_COPY_PENALTY = 3;
    /** A caption copied whole is not ours to post. */
    static final double CAPTION_COPY_PENALTY = 6;
    /** Per word pair written twice ("so hot right now | so hot right now"): an echo, not a joke. */
    static final double REPEAT_PENALTY = 1.0;
    /** Per box the layout forced (a thought cut or split where the model wanted otherwise). */
    static final double FORCED_PENALTY = 10;

    private final CorpusWords words;
    private final RerankerWeights weights;

    public CaptionReranker(CorpusWords words, RerankerWeights weights) {
        this.words = words;
        this.weights = weights;
    }

    public CorpusWords words() {
        return words;
    }

    public RerankerWeights weights() {
        return weights;
    }

    /** Log-odds that a person wrote this caption, by the classifier alone. */
    public double humanLogit(CaptionSampler.Caption c) {
        return weights.humanLogit(RerankerWeights.features(words.measure(c.modelText())));
    }

    /** Ranking score of a sampled caption, higher is better. */
    public double score(CaptionSampler.Caption c) {
        String text = c.modelText();
        CorpusWords.Measures m = words.measure(text);
        double s = c.score() + weights.humanLogit(RerankerWeights.features(m)) - REPEAT_PENALTY * m.repeatedPairs();
        if (words.copiesCaption(text)) {
            s -= CAPTION_COPY_PENALTY;
        } else if (words.copiesFirstBox(text)) {
            s -= FIRST_BOX_COPY_PENALTY;
        }
        return s - FORCED_PENALTY * c.forced();
    }
}
