package dev.memebattle.caption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Samples captions from the fast model: temperature + top-p, a forced prefix (the user's words),
 * a number of boxes the template's layout allows (the model chooses among them; a caption with fewer
 * boxes than the layout fills the first ones), none empty, a maximum length shared out between the
 * boxes (a box running long ends at a word boundary), reproducible per seed. Candidates come back
 * ordered by the model's own bits/char with a length prior; {@link ModelCaptionWriter} reranks them.
 */
public final class CaptionSampler {
    private static final double LN2 = Math.log(2);
    /** The same character at most this many times in a row ("!!!!" yes, "!!!!!!!!!!!!" no). */
    static final int MAX_REPEAT = 4;
    /** Best-of-N: a caption cut mid-word at a box's length budget loses to any that ended by itself. */
    private static final double TRUNCATION_PENALTY = 10;
    /** Best-of-N: per box closed at a word boundary because it ran long (the model did not end it). */
    private static final double CLOSED_LONG_PENALTY = 0.5;
    /**
     * Past the target length the end token's probability is multiplied by e^(pull · overshoot / target):
     * blind readings found captions under 40 characters sensible 3–4 times as often as longer ones
     * (models/README.md), and the length prior of the ranking cannot pick short captions nobody sampled.
     */
    static final double ENDING_PULL = 3;
    /** A box that has used this share of its length budget closes at the next space. */
    private static final double CLOSE_AT_SPACE_FROM = 0.75;

    /**
     * Candidates that write a word pair no one wrote in the training captions are dropped as long as
     * this many others have not: one such pair is where a caption turns into word salad, and the
     * compute goes to the candidates that still make sense.
     */
    static final int KEEP_CLEAN = 2;

    private final FastCaptionModel model;
    private final CharVocabulary vocab;
    private final Optional<CorpusWords> words;

    /**
     * A sampled caption.
     *
     * @param boxes       one text per box; the prefix keeps the user's spelling, generated text is lowercase
     * @param bitsPerChar -log2 p per generated token (END included) under the model, untempered, with the
     *                    sampler's masks and its pull towards ending
     * @param score       the sampler's ranking score (model likelihood and length prior), higher is better
     * @param filled      boxes with text (the first {@code filled} of the layout's boxes)
     * @param forced      times the layout overrode the model: it wanted to end or start a box where the
     *                    layout allows no such box count, or a box ran past its length budget
     */
    public record Caption(List<String> boxes, double bitsPerChar, double score, int generatedTokens,
                          int filled, int forced) {
        public String joined() {
            return String.join("|", boxes);
        }

        /** The model ended every box itself, in a box count the layout allows: no thought split or cut. */
        public boolean fitsLayout() {
            return forced == 0;
        }

        /** The filled boxes in model form (lowercase, joined with '|'), as the reranker and copy checks see them. */
        public String modelText() {
            return CaptionText.join(boxes.subList(0, filled));
        }
    }

    /**
     * How many boxes a caption may fill.
     *
     * @param layoutBoxes  boxes the template draws; captions come back with this many entries
     * @param allowedCounts how many of them (the first k) a caption may fill, ascending, each 1..layoutBoxes
     */
    public record BoxPlan(int layoutBoxes, List<Integer> allowedCounts) {
        public BoxPlan {
            allowedCounts = allowedCounts.stream().filter(k -> k >= 1 && k <= layoutBoxes).distinct().sorted().toList();
            if (layoutBoxes < 1) {
                throw new IllegalArgumentException("a caption needs at least one box");
            }
            if (allowedCounts.isEmpty()) {
                allowedCounts = List.of(layoutBoxes);
            }
        }

        /** Exactly {@code boxes} boxes. */
        public static BoxPlan exactly(int boxes) {
            return new BoxPlan(boxes, List.of(boxes));
        }

        int maxCount() {
            return allowedCounts.get(allowedCounts.size() - 1);
        }

        /** Counts still open once the user's words already fill {@code userBoxes} boxes. */
        BoxPlan atLeast(int userBoxes) {
            List<Integer> open = allowedCounts.stream().filter(k -> k >= userBoxes).toList();
            return open.isEmpty() ? new BoxPlan(layoutBoxes, List.of(Math.max(userBoxes, maxCount()))) : this;
        }
    }

    public CaptionSampler(FastCaptionModel model, CharVocabulary vocab) {
        this(model, vocab, Optional.empty());
    }

    /** With the training captions' word pairs, candidates that stray from them are dropped early (see {@link #KEEP_CLEAN}). */
    public CaptionSampler(FastCaptionModel model, CharVocabulary vocab, Optional<CorpusWords> words) {
        this.model = model;
        this.vocab = vocab;
        this.words = words;
    }

    public Caption sample(int templateId, int boxCount, String prefix, long seed, SamplingSettings s) {
        return candidates(templateId, BoxPlan.exactly(boxCount), prefix, seed, s).get(0);
    }

    /** {@code s.candidates()} captions of exactly {@code boxCount} boxes, best first. */
    public List<Caption> candidates(int templateId, int boxCount, String prefix, long seed, SamplingSettings s) {
        return candidates(templateId, BoxPlan.exactly(boxCount), prefix, seed, s);
    }

    /** {@code s.candidates()} captions, best first. */
    public List<Caption> candidates(int templateId, BoxPlan plan, String prefix, long seed, SamplingSettings s) {
        Prefix p = Prefix.parse(prefix == null ? "" : prefix, plan.layoutBoxes());
        BoxPlan open = plan.atLeast(p.userBoxes().size());
        FastCaptionModel.State base = model.newState(templateId);
        float[] probs = new float[vocab.size()];
        base.step(CharVocabulary.START, probs);
        int[] tokens = p.modelText().codePoints().map(vocab::id).toArray();
        for (int token : tokens) {
            base.step(token, probs);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        int n = s.candidates();
        Run[] runs = new Run[n];
        for (int c = 0; c < n; c++) {
            runs[c] = new Run(base.copy(), probs.clone(), p, open, seeds.split(), s);
        }
        // all candidates advance in lockstep so each step streams the weights once for all of them
        FastCaptionModel.State[] states = new FastCaptionModel.State[n];
        int[] next = new int[n];
        float[][] out = new float[n][];
        int[] chosen = new int[n];
        while (true) {
            int clean = 0;
            for (int c = 0; c < n; c++) {
                Run r = runs[c];
                if (!r.done) {
                    chosen[c] = r.choose();
                }
                if (r.strayed == 0 && !r.abandoned) {
                    clean++;
                }
            }
            int active = 0;
            for (int c = 0; c < n; c++) {
                Run r = runs[c];
                if (!r.done && r.strayed > 0 && clean >= KEEP_CLEAN) {
                    r.done = true;
                    r.abandoned = true;
                }
                if (!r.done) {
                    states[active] = r.state;
                    next[active] = chosen[c];
                    out[active] = r.probs;
                    active++;
                }
            }
            if (active == 0) {
                break;
            }
            model.stepAll(states, active, next, out);
        }
        List<Caption> captions = new ArrayList<>(n);
        for (Run r : runs) {
            if (!r.abandoned) {
                captions.add(r.caption());
            }
        }
        captions.sort(Comparator.comparingDouble(Caption::score).reversed());
        return captions;
    }

    /** One candidate being sampled. */
    private final class Run {
        final FastCaptionModel.State state;
        final float[] probs;
        final BoxPlan plan;
        final boolean[] mayEndAt;
        final SplittableRandom random;
        final SamplingSettings s;
        final List<StringBuilder> boxes = new ArrayList<>();
        /** Per box: where the generated text starts (after the user's words); a cut never goes before it. */
        final List<Integer> generatedFrom = new ArrayList<>();
        final float[] q;
        /** Characters per box at most: {@code maxLength} shared by the fewest boxes the layout allows. */
        final int boxBudget;
        final int space;
        int length;
        double bits;
        int generated;
        boolean truncated;
        int closedLong;
        int overruled;
        boolean done;
        /** Word pairs written that the training captions never have (see {@link #KEEP_CLEAN}). */
        int strayed;
        boolean abandoned;
        /** The word being written and the one before it, as {@link CorpusWords} ids. */
        final StringBuilder word = new StringBuilder();
        int previousWord;
        boolean countStrays;

        Run(FastCaptionModel.State state, float[] probs, Prefix prefix, BoxPlan plan, SplittableRandom random,
            SamplingSettings s) {
            this.state = state;
            this.probs = probs;
            this.plan = plan;
            this.mayEndAt = new boolean[plan.layoutBoxes() + 1];
            for (int k : plan.allowedCounts()) {
                mayEndAt[k] = true;
            }
            this.random = random;
            this.s = s;
            for (String b : prefix.userBoxes()) {
                boxes.add(new StringBuilder(b));
                generatedFrom.add(b.length());
            }
            length = prefix.modelText().length();
            q = new float[probs.length];
            // shared by the fewest boxes the layout allows: a one-box caption may use the whole length
            int fewest = plan.allowedCounts().get(0);
            boxBudget = Math.max(1, (s.maxLength() - (fewest - 1)) / fewest);
            space = vocab.id(' ');
            if (words.isPresent()) {
                previousWord = words.get().id(CorpusWords.START);
                prefix.modelText().codePoints().forEach(cp -> followWords(cp == '|' ? CharVocabulary.SEPARATOR : -1, cp));
                countStrays = true; // the user's own words never count against a candidate
            }
        }

        /** Tracks words as they are written: {@code token} END/SEPARATOR, or -1 with the character. */
        void followWords(int token, int codePoint) {
            if (words.isEmpty()) {
                return;
            }
            if (token == CharVocabulary.END || token == CharVocabulary.SEPARATOR) {
                endWord();
                pair(words.get().id(token == CharVocabulary.END ? CorpusWords.END : CorpusWords.BOX));
            } else if (Character.isLetterOrDigit(codePoint) || codePoint == '\'') {
                word.appendCodePoint(codePoint);
            } else {
                endWord();
            }
        }

        private void endWord() {
            String w = CorpusWords.word(word.toString());
            word.setLength(0);
            if (!w.isEmpty()) {
                pair(words.get().id(w));
            }
        }

        private void pair(int next) {
            if (countStrays && !words.get().attested(previousWord, next)) {
                strayed++;
            }
            previousWord = next;
        }

        /** Picks the next token from {@link #probs} and appends it; sets {@link #done} at the end token. */
        int choose() {
            StringBuilder current = boxes.get(boxes.size() - 1);
            boolean boxEmpty = current.toString().isBlank();
            boolean mayEnd = mayEndAt[boxes.size()] && !boxEmpty;
            boolean maySplit = boxes.size() < plan.maxCount() && !boxEmpty;
            boolean lastBox = !maySplit;
            // the model wanted to close a box here but the layout has no such box count: a thought split
            if (!boxEmpty && Math.max(mayEnd ? 0 : probs[CharVocabulary.END],
                    maySplit ? 0 : probs[CharVocabulary.SEPARATOR]) > 0.5) {
                overruled++;
            }
            // never START/UNKNOWN; END and '|' only where the layout allows; no empty boxes; no endless runs
            int repeated = trailingRepeat(current);
            int repeatedToken = repeated >= MAX_REPEAT ? repeatedToken(current) : -1;
            if (mayEnd && length > s.targetLength()) {
                // past the typical length, pull towards ending where the model finds an ending plausible
                probs[CharVocabulary.END] *= (float) Math.exp(ENDING_PULL * (length - s.targetLength()) / s.targetLength());
            }
            double allowed = 0;
            for (int i = 0; i < probs.length; i++) {
                boolean ok = i != CharVocabulary.START && i != CharVocabulary.UNKNOWN
                        && !(i == CharVocabulary.END && !mayEnd)
                        && !(i == CharVocabulary.SEPARATOR && !maySplit)
                        && i != repeatedToken;
                if (!ok) {
                    probs[i] = 0;
                }
                allowed += probs[i];
            }
            int close = mayEnd || lastBox ? CharVocabulary.END : CharVocabulary.SEPARATOR;
            int token;
            if ((current.length() >= boxBudget || length >= s.maxLength()) && !boxEmpty) {
                truncated = true; // a word longer than the rest of the budget: cut (caption() trims it)
                token = close;
            } else {
                token = draw(probs, q, random, s);
                if (token == space && current.length() >= CLOSE_AT_SPACE_FROM * boxBudget) {
                    closedLong++; // running long: end the box with its last whole word
                    token = close;
                }
            }
            double pt = allowed > 0 ? probs[token] / allowed : 0;
            bits += -Math.log(Math.max(pt, 1e-12)) / LN2;
            generated++;
            followWords(token, token >= CharVocabulary.FIRST_CHAR ? vocab.text(token).codePointAt(0) : -1);
            if (token == CharVocabulary.END) {
                done = true;
                return token;
            }
            if (token == CharVocabulary.SEPARATOR) {
                boxes.add(new StringBuilder());
                generatedFrom.add(0);
            } else {
                current.append(vocab.text(token));
            }
            length++;
            return token;
        }

        Caption caption() {
            List<String> texts = new ArrayList<>(plan.layoutBoxes());
            for (int i = 0; i < boxes.size(); i++) {
                String text = boxes.get(i).toString();
                int lastSpace = text.lastIndexOf(' ');
                if (truncated && text.length() >= boxBudget && lastSpace > generatedFrom.get(i)) {
                    text = text.substring(0, lastSpace); // no half word at a cut
                }
                texts.add(text.strip());
            }
            int filled = texts.size();
            while (texts.size() < plan.layoutBoxes()) {
                texts.add("");
            }
            double bpc = bits / generated;
            int total = Math.max(1, length);
            double score = -bpc - s.lengthWeight() * Math.abs(Math.log((double) total / s.targetLength()))
                    - (truncated ? TRUNCATION_PENALTY : 0) - CLOSED_LONG_PENALTY * closedLong;
            int forced = overruled + closedLong + (truncated ? 1 : 0);
            return new Caption(List.copyOf(texts), bpc, score, generated, filled, forced);
        }
    }

    private static int trailingRepeat(StringBuilder box) {
        int n = box.length();
        if (n == 0) {
            return 0;
        }
        char last = box.charAt(n - 1);
        int run = 0;
        while (run < n && box.charAt(n - 1 - run) == last) {
            run++;
        }
        return run;
    }

    private int repeatedToken(StringBuilder box) {
        return box.length() == 0 ? -1 : vocab.id(box.codePointBefore(box.length()));
    }

    /**
     * Generates exactly {@code chars} characters (no separators or end), with the default sampling:
     * the unit of work the benchmark times.
     */
    String fixedLength(int templateId, int chars, long seed) {
        SamplingSettings s = SamplingSettings.defaults();
        SplittableRandom random = new SplittableRandom(seed);
        FastCaptionModel.State state = model.newState(templateId);
        float[] probs = new float[vocab.size()];
        float[] q = new float[probs.length];
        StringBuilder out = new StringBuilder(chars);
        int token = CharVocabulary.START;
        for (int i = 0; i < chars; i++) {
            state.step(token, probs);
            probs[CharVocabulary.START] = 0;
            probs[CharVocabulary.UNKNOWN] = 0;
            probs[CharVocabulary.END] = 0;
            probs[CharVocabulary.SEPARATOR] = 0;
            token = draw(probs, q, random, s);
            out.append(vocab.text(token));
        }
        return out.toString();
    }

    /**
     * Temperature, then top-p, then one draw. {@code probs} must already be masked. The nucleus is
     * found by picking the largest remaining weight until it holds {@code topP} of the total: a few
     * scans of the vocabulary, where sorting all of it per character cost more than the network step.
     */
    private static int draw(float[] probs, float[] q, SplittableRandom random, SamplingSettings s) {
        double invT = 1 / s.temperature();
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            q[i] = probs[i] <= 0 ? 0f : (float) Math.pow(probs[i], invT);
            sum += q[i];
        }
        if (sum <= 0) {
            return CharVocabulary.END;
        }
        int[] nucleus = new int[q.length];
        double keep = 0;
        int n = 0;
        while (n < q.length && keep < s.topP() * sum) {
            int best = -1;
            for (int i = 0; i < q.length; i++) {
                if (q[i] > 0 && (best < 0 || q[i] > q[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            nucleus[n++] = best;
            keep += q[best];
            q[best] = -q[best]; // taken; restored below
        }
        for (int k = 0; k < n; k++) {
            q[nucleus[k]] = -q[nucleus[k]];
        }
        double r = random.nextDouble() * keep;
        for (int k = 0; k < n; k++) {
            r -= q[nucleus[k]];
            if (r <= 0) {
                return nucleus[k];
            }
        }
        return nucleus[Math.max(0, n - 1)];
    }

    /**
     * The user's prefix split into boxes: {@code |} moves to the next box; extra boxes beyond the
     * template's count are merged into its last box.
     *
     * @param userBoxes what the user typed per box (whitespace tidied, case kept)
     * @param modelText the same, lowercased and joined with '|', as fed to the model
     */
    record Prefix(List<String> userBoxes, String modelText) {
        static Prefix parse(String prefix, int boxCount) {
            String[] parts = prefix.split("\\|", -1);
            List<String> boxes = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                String tidy = parts[i].replaceAll("\\s+", " ");
                tidy = tidy.stripLeading();
                if (i < parts.length - 1) {
                    tidy = tidy.strip();
                }
                if (boxes.size() < boxCount) {
                    boxes.add(tidy);
                } else {
                    String last = boxes.remove(boxes.size() - 1).strip();
                    boxes.add(last.isEmpty() ? tidy : last + " " + tidy);
                }
            }
            List<String> model = new ArrayList<>();
            for (String b : boxes) {
                model.add(b.toLowerCase(Locale.ROOT));
            }
            return new Prefix(boxes, String.join("|", model));
        }
    }
}
