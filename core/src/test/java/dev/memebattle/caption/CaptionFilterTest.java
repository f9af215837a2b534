package dev.memebattle.caption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionFilterTest {
    private static CaptionFilter filter;

    @BeforeAll
    static void load() {
        filter = CaptionFilter.standard();
    }

    private static FilterCategory blockedAt(String text, FilterLevel level) {
        return filter.check(text, level) instanceof FilterVerdict.Blocked b ? b.category() : null;
    }

    private static void assertBlocked(FilterCategory category, List<String> texts) {
        for (String t : texts) {
            assertThat(blockedAt(t, FilterLevel.STANDARD)).as("STANDARD: %s", t).isEqualTo(category);
            assertThat(blockedAt(t, FilterLevel.STRICT)).as("STRICT: %s", t).isEqualTo(category);
            assertThat(filter.allows(t, FilterLevel.OFF)).as("OFF: %s", t).isTrue();
        }
    }

    @Test
    void offAllowsEverything() {
        assertThat(filter.allows("you stupid faggot", FilterLevel.OFF)).isTrue();
        assertThat(filter.check("i will kill you", FilterLevel.OFF)).isEqualTo(FilterVerdict.ALLOWED);
        assertThat(filter.blockedBy("i will kill you", FilterLevel.OFF)).isNull();
    }

    @Test
    void standardBlocksSlursIncludingDisguisedOnesButNotInnocentWords() {
        assertThat(filter.allows("you stupid faggot", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("N1GG3RS everywhere", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("what a reeeetard", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("he sniggered at scunthorpe's cocktail", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("this is fucking great", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("one does not simply|walk into mordor", FilterLevel.STANDARD)).isTrue();
        assertBlocked(FilterCategory.SLUR, List.of("you stupid faggot", "N1GG3RS everywhere", "what a reeeetard",
                "look at that sl4nteye", "white power"));
    }

    @Test
    void standardBlocksThreatsOfViolenceAndIncitementToSelfHarm() {
        assertBlocked(FilterCategory.THREAT, List.of(
                "i will kill you", "I'm going to kill you all", "when the teacher says|school shoot your girlfriend",
                "shoot up the school", "bomb the school", "stab your mom", "i'll murder him", "gonna shoot them",
                "strangle her", "kill everyone at the mall", "blow up the school", "burn down the church",
                "hang yourself", "kys", "go kill yourself", "kill urself", "i hope you die", "you should die",
                "slit your wrists", "beat you to death", "when you find the school shooter", "gas the jews",
                "kill the teacher", "shoot a kid"));
    }

    @Test
    void threatsAreFoundInLookAlikeSpellings() {
        assertBlocked(FilterCategory.THREAT, List.of("k1ll y0u", "K!LL YOU", "kiiiill yoooou", "$tab y0ur m0m",
                "i will|kill you")); // across boxes too
    }

    @Test
    void standardBlocksExplicitSexualContentAndAnythingSexualWithMinors() {
        assertBlocked(FilterCategory.SEXUAL, List.of("give me a blowjob", "blow job", "watching porn", "pornhub",
                "rape", "he raped her", "gangbang", "masturbating in class", "child porn", "naked kids",
                "sex with children", "pedophile", "loli hentai", "suck my dick", "creampie", "cumshot"));
    }

    @Test
    void strictAlsoBlocksProfanityAndMildSexualWords() {
        for (String t : List.of("this is fucking great", "oh shiiiit", "fuuuck", "$hit happens", "what an asshole",
                "nice boobs", "sexy and i know it", "sex ed", "send nudes", "these fucking kids", "nazi")) {
            assertThat(filter.allows(t, FilterLevel.STANDARD)).as("STANDARD: %s", t).isTrue();
            assertThat(blockedAt(t, FilterLevel.STRICT)).as("STRICT: %s", t).isEqualTo(FilterCategory.PROFANITY);
        }
        assertThat(filter.allows("such doge|very wow", FilterLevel.STRICT)).isTrue();
        assertThat(filter.allows("the duck and the chicken", FilterLevel.STRICT)).isTrue();
    }

    @Test
    void innocentMemePhrasesPass() {
        for (String t : List.of(
                "killing it", "this meme kills me", "you're killing me smalls", "my mom is gonna kill me",
                "kill me now", "shoot for the stars", "photo shoot with my girlfriend", "shoot your shot",
                "shoot me a text", "shoot him a text", "i'm dead", "i'm so dead", "kill the bugs", "kill the lights",
                "bomb diggity", "that's the bomb", "i bombed the test", "what doesn't kill you makes you stronger",
                "i'm not gonna kill you", "kill them with kindness", "would it kill you to say thanks",
                "mama just killed a man", "when you blow up her phone", "bored to death", "dead inside",
                "this song slaps", "hang out with your friends", "the struggle is real", "murder the dance floor",
                "execute order 66", "nerf gun war", "taking a shot at it", "nailed it", "you had one job",
                "shut up and take my money", "one does not simply|walk into mordor", "sex ed",
                "world domination", "this sucks", "butt of the joke", "hardcore gamer", "escort mission",
                "girl on the bus", "make me come back", "i like big butts", "the big black dog")) {
            assertThat(filter.blockedBy(t, FilterLevel.STANDARD)).as(t).isNull();
        }
    }

    @Test
    void wordsThatContainBlockedWordsPassEvenAtStrict() {
        for (String t : List.of("assassin", "classic", "grape juice", "the therapist", "shitake mushrooms",
                "shiitake", "scunthorpe", "cocktail", "charles dickens", "cumin", "analysis", "sussex",
                "middlesex", "rapeseed oil", "button", "bass", "hello", "passion", "matsushita", "skillet",
                "shuttlecock", "pistachio", "title", "therapists")) {
            assertThat(filter.blockedBy(t, FilterLevel.STRICT)).as(t).isNull();
        }
    }

    @Test
    void verdictNamesCategoryAndMatchAndOldApiAgrees() {
        FilterVerdict v = filter.check("ok i will k1ll y0u tomorrow", FilterLevel.STANDARD);
        assertThat(v).isEqualTo(new FilterVerdict.Blocked(FilterCategory.THREAT, "kill you"));
        assertThat(v.allowed()).isFalse();
        assertThat(filter.blockedBy("ok i will k1ll y0u tomorrow", FilterLevel.STANDARD)).isEqualTo("kill you");
        assertThat(filter.allows("ok i will k1ll y0u tomorrow", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.check("such doge", FilterLevel.STRICT).allowed()).isTrue();
        assertThat(filter.check(null, FilterLevel.STRICT).allowed()).isTrue();
        assertThat(filter.check("", FilterLevel.STRICT).allowed()).isTrue();
        assertThat(FilterCategory.PROFANITY.blockedAt(FilterLevel.STANDARD)).isFalse();
        assertThat(FilterCategory.PROFANITY.blockedAt(FilterLevel.STRICT)).isTrue();
        assertThat(FilterCategory.THREAT.blockedAt(FilterLevel.OFF)).isFalse();
    }

    @Test
    void chineseDictionaryFromTheLibraryIsUsed() {
        assertThat(filter.allows("你好，今天天气很好", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("这是法轮功的传单", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.blockedBy("操你妈", FilterLevel.STANDARD)).isNotNull();
        assertThat(blockedAt("这是法轮功的传单", FilterLevel.STANDARD)).isEqualTo(FilterCategory.CHINESE_DICTIONARY);
    }

    @Test
    void vendoredListStatesSourceVersionAndLicenseAndEveryRowHasACategory() {
        List<String> lines = Blocklist.resourceLines(CaptionFilter.LDNOOBW);
        String header = String.join("\n", lines.stream().filter(l -> l.startsWith("#")).toList());
        assertThat(header).contains("List of Dirty, Naughty, Obscene, and Otherwise Bad Words", "naughty-words",
                "1.2.0", "CC BY 4.0");
        List<String> rows = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(rows).hasSize(403);
        for (String row : rows) {
            assertThat(row.split("\t", 2)[0]).as(row).isIn("slur", "sexual", "profanity", "threat", "-");
        }
    }

    /**
     * Real human captions (the validation split of the shared corpus): the STANDARD filter blocks about
     * 1% of them (slurs, threats and sexual content that really are there); an over-broad list (one
     * that blocked "ass" or "shit", "kill" or "sex" alone) would block several percent.
     */
    @Test
    void standardBlocksOnlyAModestShareOfRealHumanCaptions() throws Exception {
        List<CorpusCaption> validation = CaptionCorpus.split(CaptionCorpus.read(TestCorpus.captions()), DataSplit.VALIDATION);
        assertThat(validation).hasSizeGreaterThan(5000);
        long standard = validation.stream().filter(c -> !filter.allows(c.modelText(), FilterLevel.STANDARD)).count();
        long strict = validation.stream().filter(c -> !filter.allows(c.modelText(), FilterLevel.STRICT)).count();
        double share = (double) standard / validation.size();
        assertThat(share).as("share blocked at STANDARD").isBetween(0.003, 0.02);
        assertThat(strict).isGreaterThan(standard);
        assertThat((double) strict / validation.size()).as("share blocked at STRICT").isLessThan(0.08);
    }
}
