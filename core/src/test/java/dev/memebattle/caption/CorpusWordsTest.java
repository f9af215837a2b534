package dev.memebattle.caption;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorpusWordsTest {
    private static final List<String> CAPTIONS = captions();

    private static List<String> captions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add("brace yourselves|memes are coming");
            out.add("brace yourselves|exams are coming");
            out.add("one does not simply|walk into mordor");
            out.add("what if i told you|memes are coming");
        }
        return out;
    }

    @Test
    void wordsPeopleWroteTogetherScoreBetterThanSalad() {
        CorpusWords words = CorpusWords.build(CAPTIONS);
        CorpusWords.Measures sense = words.measure("brace yourselves|exams are coming");
        CorpusWords.Measures salad = words.measure("coming yourselves|are mordor brace");
        assertThat(sense.unseenPairs()).isZero();
        assertThat(salad.unseenPairs()).isGreaterThan(0.5);
        assertThat(sense.meanGain()).isGreaterThan(salad.meanGain());
        assertThat(sense.meanBits()).isLessThan(salad.meanBits());
        assertThat(sense.minGain()).isGreaterThan(salad.minGain());
        assertThat(words.measure("memes memes memes memes").repeatedPairs()).isEqualTo(2);
        assertThat(words.measure("qwerty memes").unknownWords()).isEqualTo(0.5);
    }

    @Test
    void contentWordsPeopleUseTogetherAreRelated() {
        List<String> texts = new ArrayList<>(CAPTIONS);
        for (int i = 0; i < 20 * 130; i++) {
            texts.add("filler" + (i % 130)); // more frequent than the meme words: these are the function words
        }
        CorpusWords words = CorpusWords.build(texts);
        CorpusWords.Measures together = words.measure("exams are coming|mordor memes");
        CorpusWords.Measures apart = words.measure("exams walk|into memes");
        assertThat(words.measure("brace yourselves|exams are coming").topic())
                .isGreaterThan(words.measure("brace mordor|simply exams").topic());
        assertThat(together.weakestTopic()).isLessThan(together.topic());
        assertThat(words.measure("memes").topic()).as("one content word: neutral").isZero();
        assertThat(apart.topic()).isFinite();
    }

    @Test
    void copiesOfFirstBoxesAndWholeCaptionsAreRecognised() {
        CorpusWords words = CorpusWords.build(CAPTIONS);
        assertThat(words.copiesCaption("brace yourselves|memes are coming")).isTrue();
        assertThat(words.copiesCaption("brace yourselves|bugs are coming")).isFalse();
        assertThat(words.copiesFirstBox("brace yourselves|bugs are coming")).isTrue();
        assertThat(words.copiesFirstBox("brace yourself|bugs are coming")).isFalse();
        assertThat(words.copiesFirstBox("brace yourselves")).as("a one-box caption has no first box to copy").isFalse();
    }

    @Test
    void attestedPairsAndUnknownWords() {
        CorpusWords words = CorpusWords.build(CAPTIONS);
        assertThat(words.attested(words.id("brace"), words.id("yourselves"))).isTrue();
        assertThat(words.attested(words.id("yourselves"), words.id("brace"))).isFalse();
        assertThat(words.attested(words.id(CorpusWords.START), words.id("brace"))).isTrue();
        assertThat(words.id("zebra")).isZero();
        assertThat(words.attested(words.id("brace"), words.id("zebra"))).as("unknown words never count").isTrue();
    }

    @Test
    void writtenAndReadBackTheSame() throws Exception {
        List<String> shuffled = new ArrayList<>(CAPTIONS);
        Collections.shuffle(shuffled, new java.util.Random(3));
        CorpusWords words = CorpusWords.build(shuffled);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        words.write(bytes);
        CorpusWords back = CorpusWords.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(back.vocabularySize()).isEqualTo(words.vocabularySize());
        assertThat(back.bigramCount()).isEqualTo(words.bigramCount());
        for (String text : List.of("brace yourselves|exams are coming", "what if i told you|zebra")) {
            assertThat(back.measure(text)).isEqualTo(words.measure(text));
            assertThat(back.copiesFirstBox(text)).isEqualTo(words.copiesFirstBox(text));
        }
    }

    @Test
    void rerankerPrefersSenseAndPenalisesCopies() {
        CorpusWords words = CorpusWords.build(CAPTIONS);
        // a classifier that only rewards word gain
        RerankerWeights gainOnly = new RerankerWeights(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
                List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0), List.of(1.0, 0.0, 0.0, 0.0, 0.0, 0.0), List.of(0.0), List.of(1.0),
                0, 0.5, "test");
        CaptionReranker reranker = new CaptionReranker(words, gainOnly);
        CaptionSampler.Caption sense = caption("exams are coming", "brace yourselves");
        CaptionSampler.Caption salad = caption("coming yourselves", "are mordor brace");
        CaptionSampler.Caption copy = caption("brace yourselves", "memes are coming");
        assertThat(reranker.score(sense)).isGreaterThan(reranker.score(salad));
        assertThat(reranker.score(sense)).isCloseTo(sense.score() + reranker.humanLogit(sense), within(1e-9));
        assertThat(reranker.score(copy)).isCloseTo(
                copy.score() + reranker.humanLogit(copy) - CaptionReranker.CAPTION_COPY_PENALTY, within(1e-9));
        CaptionSampler.Caption firstBox = caption("brace yourselves", "bugs are coming");
        assertThat(reranker.score(firstBox)).isCloseTo(
                firstBox.score() + reranker.humanLogit(firstBox) - CaptionReranker.FIRST_BOX_COPY_PENALTY, within(1e-9));
        CaptionSampler.Caption echo = caption("memes are coming", "memes are coming");
        assertThat(reranker.score(echo)).isCloseTo(echo.score() + reranker.humanLogit(echo)
                - CaptionReranker.REPEAT_PENALTY * 2, within(1e-9));
        CaptionSampler.Caption forced = new CaptionSampler.Caption(List.of("exams are coming", "brace yourselves"),
                1, 0, 10, 2, 1);
        assertThat(reranker.score(forced)).isLessThan(reranker.score(caption("exams are coming", "brace yourselves")));
    }

    private static CaptionSampler.Caption caption(String... boxes) {
        return new CaptionSampler.Caption(List.of(boxes), 1, 0, 10, boxes.length, 0);
    }
}
