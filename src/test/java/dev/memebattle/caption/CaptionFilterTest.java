package dev.memebattle.caption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionFilterTest {
    private static CaptionFilter filter;

    @BeforeAll
    static void load() {
        filter = CaptionFilter.standard();
    }

    @Test
    void offAllowsEverything() {
        assertThat(filter.allows("you stupid faggot", FilterLevel.OFF)).isTrue();
    }

    @Test
    void standardBlocksSlursIncludingDisguisedOnesButNotInnocentWords() {
        assertThat(filter.allows("you stupid faggot", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("N1GG3RS everywhere", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("what a reeeetard", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.allows("he sniggered at scunthorpe's cocktail", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("this is fucking great", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("one does not simply|walk into mordor", FilterLevel.STANDARD)).isTrue();
    }

    @Test
    void strictAlsoBlocksVulgarity() {
        assertThat(filter.allows("this is fucking great", FilterLevel.STRICT)).isFalse();
        assertThat(filter.allows("oh shiiiit", FilterLevel.STRICT)).isFalse();
        assertThat(filter.allows("such doge|very wow", FilterLevel.STRICT)).isTrue();
        assertThat(filter.allows("the duck and the chicken", FilterLevel.STRICT)).isTrue();
    }

    @Test
    void chineseDictionaryFromTheLibraryIsUsed() {
        assertThat(filter.allows("你好，今天天气很好", FilterLevel.STANDARD)).isTrue();
        assertThat(filter.allows("这是法轮功的传单", FilterLevel.STANDARD)).isFalse();
        assertThat(filter.blockedBy("操你妈", FilterLevel.STANDARD)).isNotNull();
    }
}
