package dev.memebattle.caption;

import java.util.Arrays;
import java.util.List;

/**
 * Interpolated Witten–Bell character n-gram model over the caption model's tokens: the baseline
 * that {@code eval} scores next to the network. Counts live in sorted primitive arrays (one set
 * per context length), so an order-7 model of the whole corpus fits in a few hundred MB.
 */
public final class CharNgramModel {
    private static final int BITS = 8; // bits per token in a packed context (vocab < 256)

    private final int order;
    private final int vocab;
    private final long[][] pairKeys;     // per context length k: sorted (context << BITS | token)
    private final int[][] pairCounts;
    private final long[][] contextKeys;  // per k: sorted contexts
    private final int[][] contextTotals; // c(h)
    private final int[][] contextTypes;  // N1+(h ·)

    private CharNgramModel(int order, int vocab, long[][] pairKeys, int[][] pairCounts, long[][] contextKeys,
                           int[][] contextTotals, int[][] contextTypes) {
        this.order = order;
        this.vocab = vocab;
        this.pairKeys = pairKeys;
        this.pairCounts = pairCounts;
        this.contextKeys = contextKeys;
        this.contextTotals = contextTotals;
        this.contextTypes = contextTypes;
    }

    /**
     * @param order n: each token is predicted from the previous n-1 tokens (START-padded)
     */
    public static CharNgramModel train(List<EncodedCaption> captions, int order, int vocab) {
        if (order < 1 || order > 7 || vocab > (1 << BITS)) {
            throw new IllegalArgumentException("order must be 1..7 and the vocabulary at most 256");
        }
        long total = 0;
        for (EncodedCaption c : captions) {
            total += c.length();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("corpus too large for the n-gram baseline");
        }
        long[][] pairKeys = new long[order][];
        int[][] pairCounts = new int[order][];
        long[][] contextKeys = new long[order][];
        int[][] contextTotals = new int[order][];
        int[][] contextTypes = new int[order][];
        long[] keys = new long[(int) total];
        for (int k = 0; k < order; k++) {
            int n = 0;
            for (EncodedCaption c : captions) {
                int[] t = c.tokens();
                for (int pos = 0; pos < t.length; pos++) {
                    keys[n++] = (context(t, pos, k) << BITS) | t[pos];
                }
            }
            Arrays.sort(keys, 0, n);
            int unique = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    unique++;
                }
            }
            long[] pk = new long[unique];
            int[] pc = new int[unique];
            int u = -1;
            for (int i = 0; i < n; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    pk[++u] = keys[i];
                }
                pc[u]++;
            }
            int contexts = 0;
            for (int i = 0; i < unique; i++) {
                if (i == 0 || (pk[i] >>> BITS) != (pk[i - 1] >>> BITS)) {
                    contexts++;
                }
            }
            long[] ck = new long[contexts];
            int[] ct = new int[contexts];
            int[] cy = new int[contexts];
            int h = -1;
            for (int i = 0; i < unique; i++) {
                if (i == 0 || (pk[i] >>> BITS) != (pk[i - 1] >>> BITS)) {
                    ck[++h] = pk[i] >>> BITS;
                }
                ct[h] += pc[i];
                cy[h]++;
            }
            pairKeys[k] = pk;
            pairCounts[k] = pc;
            contextKeys[k] = ck;
            contextTotals[k] = ct;
            contextTypes[k] = cy;
        }
        return new CharNgramModel(order, vocab, pairKeys, pairCounts, contextKeys, contextTotals, contextTypes);
    }

    /** The k tokens before {@code pos}, START-padded, packed; 1 bit above marks the length so k=0 differs. */
    private static long context(int[] tokens, int pos, int k) {
        long h = 1;
        for (int j = k; j >= 1; j--) {
            int i = pos - j;
            h = (h << BITS) | (i >= 0 ? tokens[i] : CharVocabulary.START);
        }
        return h;
    }

    /** p(token at pos | previous tokens), interpolated Witten–Bell down to a uniform distribution. */
    public double probability(int[] tokens, int pos) {
        int w = tokens[pos];
        double p = 1.0 / vocab;
        for (int k = 0; k < order; k++) {
            long h = context(tokens, pos, k);
            int ci = Arrays.binarySearch(contextKeys[k], h);
            if (ci < 0) {
                break; // longer contexts were not seen either
            }
            int total = contextTotals[k][ci];
            int types = contextTypes[k][ci];
            int pi = Arrays.binarySearch(pairKeys[k], (h << BITS) | w);
            int count = pi >= 0 ? pairCounts[k][pi] : 0;
            p = (count + types * p) / (total + types);
        }
        return p;
    }

    public ScoreResult score(List<EncodedCaption> captions) {
        double bits = 0;
        long chars = 0;
        long correct = 0;
        for (EncodedCaption c : captions) {
            int[] t = c.tokens();
            for (int pos = 0; pos < t.length; pos++) {
                bits -= Math.log(probability(t, pos)) / Math.log(2);
                chars++;
            }
        }
        return new ScoreResult(bits, correct, chars, captions.size());
    }

    public int order() {
        return order;
    }
}
