package dev.memebattle.caption;

/**
 * A caption as model tokens.
 *
 * @param tokens     target tokens: the characters, then {@link CharVocabulary#END}
 * @param templateId the model's template id
 */
public record EncodedCaption(int[] tokens, int templateId) {

    public int length() {
        return tokens.length;
    }

    /** Input token at position t: the previous target, or START at t = 0. */
    public int inputAt(int t) {
        return t == 0 ? CharVocabulary.START : tokens[t - 1];
    }
}
