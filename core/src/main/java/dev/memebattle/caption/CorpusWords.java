package dev.memebattle.caption;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the training captions say at the word level, for judging sampled captions: a word bigram
 * model (interpolated absolute discounting over word counts), and the first boxes and whole captions
 * people wrote, for copy checks. The character model spells well but loses the thread between words;
 * word transitions people never wrote ("much adopted", "a hell you") are what a reader calls salad.
 * Built by {@code train --reranker} from the training split and shipped inside the model zip.
 */
public final class CorpusWords {
    private static final int MAGIC = 0x4D42_5745; // "MBWE": sorted keys as varint deltas, 32-bit text hashes
    static final String START = "<s>";
    static final String END = "</s>";
    static final String BOX = "|";
    /** Words and bigrams seen fewer times are not kept (they are mostly typos; keeps the file small). */
    static final int MIN_COUNT = 2;
    private static final double DISCOUNT = 0.75;
    /** Surprisal of a word the corpus never had (bits), the same for every unknown word. */
    private static final double UNKNOWN_BITS = 20;
    /** The most frequent words (and the start, box and end tokens) are not content words. */
    static final int FUNCTION_WORDS = 120;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern EDGE_APOSTROPHES = Pattern.compile("^'+|'+$");

    private final Map<String, Integer> ids;
    private final int[] wordCounts;      // by id; id 0 = unknown
    private final long totalWords;
    private final long[] bigramKeys;     // sorted (first << 32 | second)
    private final int[] bigramCounts;
    private final int[] followerTypes;   // by id: distinct kept words after it
    private final long[] followerTotal;  // by id: kept bigram count after it
    private final int[] firstBoxes;      // sorted textHash of the first box of every multi-box caption
    private final int[] captions;        // sorted textHash of every caption
    private final int[] captionFreq;     // by id: captions the word occurs in
    private final long[] togetherKeys;   // sorted (smaller id << 32 | larger id): content words in one caption
    private final int[] togetherCounts;
    private final long captionTotal;

    private CorpusWords(List<String> words, int[] wordCounts, long[] bigramKeys, int[] bigramCounts,
                        int[] firstBoxes, int[] captions, int[] captionFreq, long[] togetherKeys,
                        int[] togetherCounts, long captionTotal) {
        this.ids = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
        this.wordCounts = wordCounts;
        this.totalWords = Arrays.stream(wordCounts).asLongStream().sum();
        this.bigramKeys = bigramKeys;
        this.bigramCounts = bigramCounts;
        this.followerTypes = new int[words.size()];
        this.followerTotal = new long[words.size()];
        for (int i = 0; i < bigramKeys.length; i++) {
            int first = (int) (bigramKeys[i] >>> 32);
            followerTypes[first]++;
            followerTotal[first] += bigramCounts[i];
        }
        this.firstBoxes = firstBoxes;
        this.captions = captions;
        this.captionFreq = captionFreq;
        this.togetherKeys = togetherKeys;
        this.togetherCounts = togetherCounts;
        this.captionTotal = Math.max(1, captionTotal);
    }

    /** Counts words and bigrams of captions in model form (lowercase, boxes joined with '|'). */
    public static CorpusWords build(List<String> modelTexts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : modelTexts) {
            for (String w : tokens(text)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<String> words = new ArrayList<>();
        words.add(""); // unknown
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_COUNT)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> words.add(e.getKey()));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
        int[] wordCounts = new int[words.size()];
        int[] captionFreq = new int[words.size()];
        Map<Long, Integer> together = new HashMap<>();
        Map<Long, Integer> bigrams = new HashMap<>();
        int[] firsts = new int[modelTexts.size()];
        int[] whole = new int[modelTexts.size()];
        int n = 0;
        int multi = 0;
        for (String text : modelTexts) {
            int prev = -1;
            for (String w : tokens(text)) {
                int id = ids.getOrDefault(w, 0);
                wordCounts[id]++;
                if (prev >= 0) {
                    bigrams.merge(((long) prev << 32) | id, 1, Integer::sum);
                }
                prev = id;
            }
            int[] content = contentWords(text, ids);
            for (int i = 0; i < content.length; i++) {
                captionFreq[content[i]]++;
                for (int j = i + 1; j < content.length; j++) {
                    together.merge(pairKey(content[i], content[j]), 1, Integer::sum);
                }
            }
            if (text.indexOf(CaptionText.BOX_SEPARATOR) >= 0) {
                firsts[multi++] = textHash(firstBox(text));
            }
            whole[n++] = textHash(text);
        }
        long[] keys = bigrams.entrySet().stream().filter(e -> e.getValue() >= MIN_COUNT)
                .mapToLong(Map.Entry::getKey).sorted().toArray();
        int[] bigramCounts = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            bigramCounts[i] = bigrams.get(keys[i]);
        }
        long[] togetherKeys = together.entrySet().stream().filter(e -> e.getValue() >= MIN_COUNT)
                .mapToLong(Map.Entry::getKey).sorted().toArray();
        int[] togetherCounts = new int[togetherKeys.length];
        for (int i = 0; i < togetherKeys.length; i++) {
            togetherCounts[i] = together.get(togetherKeys[i]);
        }
        return new CorpusWords(words, wordCounts, keys, bigramCounts, distinctSorted(Arrays.copyOf(firsts, multi)), distinctSorted(whole),
                captionFreq, togetherKeys, togetherCounts, modelTexts.size());
    }

    /**
     * The distinct content words of a caption as ids: known words outside the {@value #FUNCTION_WORDS} most
     * frequent ones (ids are by frequency), which carry little topic ("the", "you", "when").
     */
    private static int[] contentWords(String text, Map<String, Integer> ids) {
        return tokens(text).stream().mapToInt(w -> ids.getOrDefault(w, 0))
                .filter(id -> id > FUNCTION_WORDS).distinct().sorted().toArray();
    }

    private static long pairKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    private static int[] distinctSorted(int[] a) {
        return Arrays.stream(a).sorted().distinct().toArray();
    }

    /**
     * 32 bits of the text's stable hash: at 350k captions a copy check is wrong about once in 12,000
     * (a penalty on a caption that was not copied), and the hashes take half the room.
     */
    private static int textHash(String text) {
        long h = CaptionText.stableHash(text);
        return (int) (h ^ (h >>> 32));
    }

    /** Words of a caption as the bigram model sees them: start, words, '|' between boxes, end. */
    static List<String> tokens(String modelText) {
        List<String> out = new ArrayList<>();
        out.add(START);
        int boxes = 0;
        for (String box : CaptionText.split(modelText)) {
            if (boxes++ > 0) {
                out.add(BOX);
            }
            for (String w : NON_WORD.split(box)) {
                String word = word(w);
                if (!word.isEmpty()) {
                    out.add(word);
                }
            }
        }
        out.add(END);
        return out;
    }

    /** A run of letters, digits and apostrophes as a word: without apostrophes at its ends ("'cause'" → "cause"). */
    static String word(String run) {
        return EDGE_APOSTROPHES.matcher(run).replaceAll("");
    }

    private static String firstBox(String modelText) {
        int bar = modelText.indexOf(CaptionText.BOX_SEPARATOR);
        return (bar < 0 ? modelText : modelText.substring(0, bar)).strip();
    }

    /** The caption's first box is one people wrote as a first box (for a caption of more than one box). */
    public boolean copiesFirstBox(String modelText) {
        return modelText.indexOf(CaptionText.BOX_SEPARATOR) >= 0
                && Arrays.binarySearch(firstBoxes, textHash(firstBox(modelText))) >= 0;
    }

    /** The whole caption is one from the training captions. */
    public boolean copiesCaption(String modelText) {
        return Arrays.binarySearch(captions, textHash(modelText)) >= 0;
    }

    /**
     * Word-level measures of one caption.
     *
     * @param meanBits     mean surprisal per word transition (bits), boxes and the end included
     * @param maxBits      the least likely transition (bits)
     * @param unseenPairs  share of word pairs no one wrote (among pairs of known words)
     * @param unknownWords share of words the corpus does not know
     * @param repeatedPairs word pairs that occur more than once in the caption
     * @param words        number of words
     * @param meanGain     mean bits each word saves by knowing the word before it (unigram minus bigram
     *                     surprisal): high when words follow each other as people write them, near 0 for
     *                     salad, and unlike raw surprisal not lowered by rare words
     * @param minGain      the smallest such saving in the caption: its weakest joint
     * @param topic        mean pointwise mutual information (bits) of the caption's content words taken two
     *                     at a time, from how often people used them in one caption: whether the words are
     *                     about the same thing ("exams … coming" yes, "cookies … riding" no); 0 with fewer
     *                     than two content words
     * @param weakestTopic the least related pair of content words (bits), 0 with fewer than two
     */
    public record Measures(double meanBits, double maxBits, double unseenPairs, double unknownWords,
                           int repeatedPairs, int words, double meanGain, double minGain, double topic,
                           double weakestTopic) {
    }

    public Measures measure(String modelText) {
        List<String> tokens = tokens(modelText);
        int[] id = new int[tokens.size()];
        int unknown = 0;
        int words = 0;
        for (int i = 0; i < id.length; i++) {
            id[i] = ids.getOrDefault(tokens.get(i), 0);
            String t = tokens.get(i);
            if (!t.equals(START) && !t.equals(END) && !t.equals(BOX)) {
                words++;
                if (id[i] == 0) {
                    unknown++;
                }
            }
        }
        double sum = 0;
        double max = 0;
        double gain = 0;
        double minGain = Double.POSITIVE_INFINITY;
        int pairs = 0;
        int unseen = 0;
        int repeated = 0;
        long[] seen = new long[id.length];
        for (int i = 1; i < id.length; i++) {
            double bits = bits(id[i - 1], id[i]);
            sum += bits;
            max = Math.max(max, bits);
            double g = unigramBits(id[i]) - bits;
            gain += g;
            minGain = Math.min(minGain, g);
            if (id[i - 1] != 0 && id[i] != 0) {
                pairs++;
                if (count(id[i - 1], id[i]) == 0) {
                    unseen++;
                }
            }
            long key = ((long) id[i - 1] << 32) | id[i];
            for (int j = 1; j < i; j++) {
                if (seen[j] == key && id[i] != 0) {
                    repeated++;
                    break;
                }
            }
            seen[i] = key;
        }
        int transitions = Math.max(1, id.length - 1);
        int[] content = contentWords(modelText, ids);
        double topic = 0;
        double weakest = Double.POSITIVE_INFINITY;
        int topicPairs = 0;
        for (int i = 0; i < content.length; i++) {
            for (int j = i + 1; j < content.length; j++) {
                double pmi = relatedness(content[i], content[j]);
                topic += pmi;
                weakest = Math.min(weakest, pmi);
                topicPairs++;
            }
        }
        return new Measures(sum / transitions, max, pairs == 0 ? 0 : (double) unseen / pairs,
                words == 0 ? 0 : (double) unknown / words, repeated, words, gain / transitions,
                Double.isInfinite(minGain) ? 0 : minGain, topicPairs == 0 ? 0 : topic / topicPairs,
                topicPairs == 0 ? 0 : weakest);
    }

    /**
     * Pointwise mutual information of two content words over captions, with half a caption added to the
     * count: two rare words never seen together are no evidence either way, two common ones are.
     */
    double relatedness(int a, int b) {
        int at = Arrays.binarySearch(togetherKeys, pairKey(a, b));
        double together = (at >= 0 ? togetherCounts[at] : 0) + 0.5;
        double expected = (double) captionFreq[a] * captionFreq[b] / captionTotal;
        return Math.log(together / Math.max(expected, 1e-9)) / Math.log(2);
    }

    double unigramBits(int id) {
        return id == 0 ? UNKNOWN_BITS
                : Math.min(UNKNOWN_BITS, -Math.log((double) wordCounts[id] / totalWords) / Math.log(2));
    }

    /** Id of a word or of {@link #START}, {@link #BOX}, {@link #END} for {@link #attested}; 0 = a word the corpus lacks. */
    public int id(String token) {
        return ids.getOrDefault(token, 0);
    }

    /** People wrote these two tokens next to each other; a pair with a word the corpus lacks always passes. */
    public boolean attested(int prev, int next) {
        return prev == 0 || next == 0 || count(prev, next) > 0;
    }

    /** -log2 p(next | prev), interpolated absolute discounting with the unigram distribution. */
    double bits(int prev, int next) {
        if (next == 0) {
            return UNKNOWN_BITS;
        }
        double unigram = (double) wordCounts[next] / totalWords;
        long total = followerTotal[prev];
        double p;
        if (prev == 0 || total == 0) {
            p = unigram;
        } else {
            int c = count(prev, next);
            double backoff = DISCOUNT * followerTypes[prev] / total;
            p = Math.max(c - DISCOUNT, 0) / total + backoff * unigram;
        }
        return Math.min(UNKNOWN_BITS, -Math.log(Math.max(p, 1e-12)) / Math.log(2));
    }

    private int count(int prev, int next) {
        int at = Arrays.binarySearch(bigramKeys, ((long) prev << 32) | next);
        return at >= 0 ? bigramCounts[at] : 0;
    }

    public int vocabularySize() {
        return wordCounts.length;
    }

    public int bigramCount() {
        return bigramKeys.length;
    }

    /** Compact: counts as varints, sorted keys and hashes as varint deltas (the file ships in the model zip). */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        String[] words = new String[wordCounts.length];
        ids.forEach((w, i) -> words[i] = w);
        writeVarint(data, words.length);
        for (int i = 0; i < words.length; i++) {
            data.writeUTF(words[i]);
            writeVarint(data, wordCounts[i]);
            writeVarint(data, captionFreq[i]);
        }
        writeVarint(data, captionTotal);
        writeCounted(data, bigramKeys, bigramCounts);
        writeCounted(data, togetherKeys, togetherCounts);
        writeHashes(data, firstBoxes);
        writeHashes(data, captions);
        data.flush();
    }

    public static CorpusWords read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a word statistics entry of this version (rebuild it with `train --reranker`)");
        }
        int n = (int) readVarint(data);
        List<String> words = new ArrayList<>(n);
        int[] counts = new int[n];
        int[] captionFreq = new int[n];
        for (int i = 0; i < n; i++) {
            words.add(data.readUTF());
            counts[i] = (int) readVarint(data);
            captionFreq[i] = (int) readVarint(data);
        }
        long captionTotal = readVarint(data);
        long[] bigramKeys = readKeys(data);
        int[] bigramCounts = readCounts(data, bigramKeys.length);
        long[] togetherKeys = readKeys(data);
        int[] togetherCounts = readCounts(data, togetherKeys.length);
        int[] firstBoxes = readHashes(data);
        int[] captions = readHashes(data);
        return new CorpusWords(words, counts, bigramKeys, bigramCounts, firstBoxes, captions, captionFreq,
                togetherKeys, togetherCounts, captionTotal);
    }

    private static void writeCounted(DataOutputStream data, long[] sortedKeys, int[] counts) throws IOException {
        writeVarint(data, sortedKeys.length);
        long previous = 0;
        for (long key : sortedKeys) {
            writeVarint(data, key - previous);
            previous = key;
        }
        for (int c : counts) {
            writeVarint(data, c);
        }
    }

    private static long[] readKeys(DataInputStream data) throws IOException {
        long[] keys = new long[(int) readVarint(data)];
        long previous = 0;
        for (int i = 0; i < keys.length; i++) {
            previous += readVarint(data);
            keys[i] = previous;
        }
        return keys;
    }

    private static int[] readCounts(DataInputStream data, int n) throws IOException {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = (int) readVarint(data);
        }
        return counts;
    }

    /** Sorted signed ints as unsigned deltas from {@code Integer.MIN_VALUE}. */
    private static void writeHashes(DataOutputStream data, int[] sorted) throws IOException {
        writeVarint(data, sorted.length);
        long previous = Integer.MIN_VALUE;
        for (int h : sorted) {
            writeVarint(data, h - previous);
            previous = h;
        }
    }

    private static int[] readHashes(DataInputStream data) throws IOException {
        int[] hashes = new int[(int) readVarint(data)];
        long previous = Integer.MIN_VALUE;
        for (int i = 0; i < hashes.length; i++) {
            previous += readVarint(data);
            hashes[i] = (int) previous;
        }
        return hashes;
    }

    private static void writeVarint(DataOutputStream data, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            data.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        data.writeByte((int) v);
    }

    private static long readVarint(DataInputStream data) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = data.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed varint in word statistics");
    }

    public int togetherCount() {
        return togetherKeys.length;
    }
}
