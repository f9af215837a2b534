package dev.memebattle.caption;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CharNgramModelTest {

    @Test
    void probabilitiesOverTheVocabularySumToOneInSeenAndUnseenContexts() throws Exception {
        List<CorpusCaption> real = CaptionCorpus.read(TestCorpus.captions(), 3000);
        CharVocabulary vocab = CharVocabulary.build(real.stream().map(CorpusCaption::modelText).toList(), 3);
        TemplateIds templates = TemplateIds.fromCorpus(real);
        List<EncodedCaption> encoded = PreparedCorpus.encode(real, vocab, templates);
        CharNgramModel model = CharNgramModel.train(encoded, 6, vocab.size());
        for (String text : List.of("one does not simply", "zqxj wvvk", "")) {
            int[] tokens = vocab.encodeCaption(text);
            for (int pos = 0; pos < tokens.length; pos++) {
                double sum = 0;
                int[] probe = tokens.clone();
                for (int v = 0; v < vocab.size(); v++) {
                    probe[pos] = v;
                    sum += model.probability(probe, pos);
                }
                assertThat(sum).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void learnsTheCorpusBetterThanUniformAndHigherOrdersHelp() throws Exception {
        List<CorpusCaption> real = CaptionCorpus.read(TestCorpus.captions(), 6000);
        CharVocabulary vocab = CharVocabulary.build(real.stream().map(CorpusCaption::modelText).toList(), 3);
        TemplateIds templates = TemplateIds.fromCorpus(real);
        List<EncodedCaption> train = PreparedCorpus.encode(CaptionCorpus.split(real, DataSplit.TRAIN), vocab, templates);
        List<EncodedCaption> held = PreparedCorpus.encode(CaptionCorpus.split(real, DataSplit.VALIDATION), vocab, templates);
        double unigram = CharNgramModel.train(train, 1, vocab.size()).score(held).bitsPerChar();
        double sixgram = CharNgramModel.train(train, 6, vocab.size()).score(held).bitsPerChar();
        assertThat(unigram).isLessThan(Math.log(vocab.size()) / Math.log(2));
        assertThat(sixgram).isLessThan(unigram - 1.0);
    }
}
