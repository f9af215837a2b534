package dev.memebattle.render;

import dev.memebattle.template.TextStyle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrawableTextTest {

    @Test
    void stripsControlZeroWidthAndBidiCharacters() {
        String raw = "a\u0000b\u0007c\u200Bd\u200Ce\u200Df\u2060g\uFEFFh"
                + "\u202Ai\u202Bj\u202Ck\u202Dl\u202Em\u2066n\u2067o\u2068p\u2069q\u200Er\u200Fs";
        assertThat(DrawableText.sanitize(raw, 2000)).isEqualTo("abcdefghijklmnopqrs");
    }

    @Test
    void collapsesAllKindsOfWhitespaceAndTrims() {
        assertThat(DrawableText.sanitize("  such\t\tmeme\r\n\n very\u00A0\u3000skill \u2028 ", 2000))
                .isEqualTo("such meme very skill");
    }

    @Test
    void dropsEmojiModifiersAndVariationSelectorsButKeepsEmoji() {
        assertThat(DrawableText.sanitize("ok\uD83D\uDC4D\uD83C\uDFFD\uFE0F!", 2000)).isEqualTo("ok\uD83D\uDC4D!");
    }

    @Test
    void keepsAccentsAndLimitsStackedCombiningMarks() {
        assertThat(DrawableText.sanitize("e\u0301", 2000)).isEqualTo("e\u0301");
        String zalgo = "Z" + "\u0336\u0301\u0302\u0303\u0304\u0305".repeat(20) + "a";
        assertThat(DrawableText.sanitize(zalgo, 2000)).isEqualTo("Z\u0336\u0301a");
        assertThat(DrawableText.sanitize("\u0301 \u0301x", 2000)).isEqualTo("x");
    }

    @Test
    void dropsLoneSurrogatesAndPrivateUse() {
        assertThat(DrawableText.sanitize("a\uD800b\uDC00c\uE000d", 2000)).isEqualTo("abcd");
    }

    @Test
    void capsLengthInCodePoints() {
        String cut = DrawableText.sanitize("ab ".repeat(10_000), 2000);
        assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(2000).isGreaterThan(1990);
        String emoji = DrawableText.sanitize("\uD83D\uDE02".repeat(5000), 100);
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(100);
    }

    @Test
    void nullAndBlankGiveEmptyText() {
        assertThat(DrawableText.sanitize(null, 10)).isEmpty();
        assertThat(DrawableText.sanitize(" \u200B\t ", 10)).isEmpty();
    }

    @Test
    void upperUsesRootLocaleRules() {
        assertThat(DrawableText.styled("such meme straße istanbul", TextStyle.UPPER))
                .isEqualTo("SUCH MEME STRASSE ISTANBUL");
    }

    @Test
    void mockAlternatesCaseOverLettersOnly() {
        assertThat(DrawableText.styled("make memes, great!", TextStyle.MOCK)).isEqualTo("mAkE mEmEs, GrEaT!");
    }

    @Test
    void noneKeepsText() {
        assertThat(DrawableText.styled("As Typed", TextStyle.NONE)).isEqualTo("As Typed");
    }
}
