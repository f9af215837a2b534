package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionSamplerTest {
    private static CaptionSampler sampler;
    private static CharVocabulary vocab;
    private static FastCaptionModel model;
    private static final SamplingSettings SETTINGS = new SamplingSettings(1.0, 0.98, 80, 3, 45, 0.3);

    @BeforeAll
    static void randomModel() {
        vocab = new CharVocabulary("abcdefghijklmnopqrstuvwxyz '!?".codePoints().boxed().toList());
        CaptionModelConfig config = new CaptionModelConfig(16, 3, List.of(1, 2, 4), vocab.size(), 3, 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 1);
        model = GraphWeights.of(graph, config);
        sampler = new CaptionSampler(model, vocab);
    }

    @Test
    void sameSeedGivesTheSameCaptionAndOtherSeedsDiffer() {
        CaptionSampler.Caption a = sampler.sample(1, 2, "", 7, SETTINGS);
        CaptionSampler.Caption b = sampler.sample(1, 2, "", 7, SETTINGS);
        assertThat(b).isEqualTo(a);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            distinct.add(sampler.sample(1, 2, "", seed, SETTINGS).joined());
        }
        assertThat(distinct).hasSizeGreaterThan(5);
    }

    @Test
    void everyCaptionHasExactlyTheTemplatesBoxesNoneEmpty() {
        for (int boxes = 1; boxes <= 5; boxes++) {
            for (long seed = 0; seed < 5; seed++) {
                CaptionSampler.Caption c = sampler.sample(2, boxes, "", seed, SETTINGS);
                assertThat(c.boxes()).hasSize(boxes).allSatisfy(box -> assertThat(box).isNotBlank());
                assertThat(c.joined().length()).isLessThanOrEqualTo(SETTINGS.maxLength());
            }
        }
    }

    @Test
    void userWordsAreAForcedPrefixAndBarMovesToTheNextBox() {
        CaptionSampler.Caption c = sampler.sample(1, 2, "Wow ", 3, SETTINGS);
        assertThat(c.boxes().get(0)).startsWith("Wow");
        CaptionSampler.Caption d = sampler.sample(1, 3, "such top|much bottom ", 3, SETTINGS);
        assertThat(d.boxes()).hasSize(3);
        assertThat(d.boxes().get(0)).isEqualTo("such top");
        assertThat(d.boxes().get(1)).startsWith("much bottom");
    }

    @Test
    void moreBarsThanBoxesAreMergedIntoTheLastBox() {
        CaptionSampler.Caption c = sampler.sample(0, 2, "a|b|c", 1, SETTINGS);
        assertThat(c.boxes()).hasSize(2);
        assertThat(c.boxes().get(0)).isEqualTo("a");
        assertThat(c.boxes().get(1)).startsWith("b c");
    }

    @Test
    void noCharacterRepeatsEndlessly() {
        CharVocabulary vocab = new CharVocabulary("ab! ".codePoints().boxed().toList());
        CaptionModelConfig config = new CaptionModelConfig(8, 3, List.of(1, 2), vocab.size(), 2, 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 1);
        graph.getLayer(CaptionNetwork.OUT).getParam("b").putScalar(vocab.id('!'), 30f); // the model loves '!'
        CaptionSampler loud = new CaptionSampler(GraphWeights.of(graph, config), vocab);
        CaptionSampler.Caption c = loud.sample(1, 1, "", 5, SETTINGS);
        assertThat(c.joined()).contains("!!!!").doesNotContain("!!!!!");
    }

    @Test
    void aBoxRunningLongEndsAtAWordBoundaryAndLeavesRoomForTheNext() {
        // a model that never wants to end a box, so every box runs into its share of the length
        CharVocabulary vocab = new CharVocabulary("abcdefghij ".codePoints().boxed().toList());
        CaptionModelConfig config = new CaptionModelConfig(8, 3, List.of(1, 2), vocab.size(), 2, 8);
        ComputationGraph graph = CaptionNetwork.build(config, 1e-3, 1);
        graph.getLayer(CaptionNetwork.OUT).getParam("b").putScalar(CharVocabulary.END, -30f);
        graph.getLayer(CaptionNetwork.OUT).getParam("b").putScalar(CharVocabulary.SEPARATOR, -30f);
        CaptionSampler rambling = new CaptionSampler(GraphWeights.of(graph, config), vocab);
        SamplingSettings s = new SamplingSettings(1.0, 1.0, 62, 2, 45, 0.3); // 3 boxes: 20 characters each
        int closedAtSpace = 0;
        for (long seed = 0; seed < 20; seed++) {
            CaptionSampler.Caption c = rambling.sample(1, 3, "", seed, s);
            assertThat(c.boxes()).hasSize(3);
            for (String box : c.boxes()) {
                assertThat(box).isNotBlank().hasSizeLessThanOrEqualTo(20);
                if (box.length() < 20 && box.length() >= 15) {
                    closedAtSpace++;
                }
            }
        }
        assertThat(closedAtSpace).as("boxes closed at a space once past 3/4 of their share").isPositive();
    }

    @Test
    void maxLengthIsRespected() {
        SamplingSettings shortOnes = new SamplingSettings(1.5, 1.0, 12, 1, 45, 0.3);
        for (long seed = 0; seed < 10; seed++) {
            CaptionSampler.Caption c = sampler.sample(1, 2, "", seed, shortOnes);
            assertThat(c.joined().length()).isLessThanOrEqualTo(12 + 1);
            assertThat(c.boxes()).hasSize(2);
        }
    }

    @Test
    void aBoxPlanLetsTheModelChooseAmongTheAllowedCountsAndPadsTheLayout() {
        CaptionSampler.BoxPlan plan = new CaptionSampler.BoxPlan(5, List.of(1, 2, 4, 5));
        Set<Integer> filled = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            for (CaptionSampler.Caption c : sampler.candidates(1, plan, "", seed, SETTINGS)) {
                assertThat(c.boxes()).hasSize(5);
                assertThat(plan.allowedCounts()).contains(c.filled());
                assertThat(c.boxes().subList(0, c.filled())).allSatisfy(box -> assertThat(box).isNotBlank());
                assertThat(c.boxes().subList(c.filled(), 5)).allSatisfy(box -> assertThat(box).isEmpty());
                assertThat(c.modelText().split("\\|", -1)).hasSize(c.filled());
            }
        }
        // sampled, not forced: a random model ends boxes at several of the allowed counts
        for (long seed = 0; seed < 60; seed++) {
            filled.add(sampler.sample(1, 5, "", seed, SETTINGS).filled());
        }
        assertThat(filled).containsOnly(5);
        for (long seed = 0; seed < 60; seed++) {
            filled.add(sampler.candidates(1, plan, "", seed, SETTINGS).get(0).filled());
        }
        assertThat(filled).hasSizeGreaterThan(1);
    }

    @Test
    void countsBelowTheUsersOwnBoxesAreNotOffered() {
        CaptionSampler.BoxPlan plan = new CaptionSampler.BoxPlan(3, List.of(1, 3));
        for (long seed = 0; seed < 10; seed++) {
            CaptionSampler.Caption c = sampler.candidates(1, plan, "one|two ", seed, SETTINGS).get(0);
            assertThat(c.filled()).isEqualTo(3);
            assertThat(c.boxes().get(0)).isEqualTo("one");
        }
    }

    @Test
    void candidatesThatWriteWordPairsNoOneWroteAreDroppedWhileCleanOnesRemain() {
        // a "corpus" that knows every word these candidates write, each on its own: every pair strays
        SamplingSettings twelve = SETTINGS.withCandidates(12);
        List<String> alone = new java.util.ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            for (CaptionSampler.Caption c : sampler.candidates(1, 2, "", seed, twelve)) {
                for (String w : c.modelText().split("[^a-z']+")) {
                    alone.add(w);
                    alone.add(w);
                }
            }
        }
        CorpusWords words = CorpusWords.build(alone);
        CaptionSampler guarded = new CaptionSampler(model, vocab, java.util.Optional.of(words));
        int fewer = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<CaptionSampler.Caption> kept = guarded.candidates(1, 2, "", seed, twelve);
            assertThat(kept).hasSizeGreaterThanOrEqualTo(1).hasSizeLessThanOrEqualTo(12);
            if (kept.size() < 12) {
                fewer++;
            }
        }
        assertThat(fewer).isPositive();
        // without word statistics nothing is dropped
        assertThat(sampler.candidates(1, 2, "", 3, twelve)).hasSize(12);
    }
}
