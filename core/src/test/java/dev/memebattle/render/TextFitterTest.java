package dev.memebattle.render;

import dev.memebattle.template.FontFace;
import dev.memebattle.template.TextAlign;
import dev.memebattle.template.TextStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.awt.geom.Rectangle2D;

import static org.assertj.core.api.Assertions.assertThat;

class TextFitterTest {

    private static TextFitter fitter;

    @BeforeAll
    static void fitter() {
        FontBook fonts = FontBook.system();
        fitter = new TextFitter(fonts, new GlyphFallback(fonts));
    }

    private static String words(int chars) {
        String text = "much wow such meme very skill so render amaze ".repeat(chars / 40 + 1);
        return DrawableText.styled(text.substring(0, chars).strip(), TextStyle.UPPER);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 200, 2000})
    void inkAndOutlineStayInsideTheBoxForAnyLength(int chars) {
        for (FontFace face : FontFace.values()) {
            FittedText fitted = fitter.fit(words(chars), face, TextAlign.CENTER, 620, 124, 620);
            assertThat(fitted.isEmpty()).isFalse();
            Rectangle2D ink = fitted.glyphs().getBounds2D();
            double half = fitted.strokeWidth() / 2;
            assertThat(ink.getMinX() - half).as(face + " left").isGreaterThanOrEqualTo(0);
            assertThat(ink.getMinY() - half).as(face + " top").isGreaterThanOrEqualTo(0);
            assertThat(ink.getMaxX() + half).as(face + " right").isLessThanOrEqualTo(620);
            assertThat(ink.getMaxY() + half).as(face + " bottom").isLessThanOrEqualTo(124);
        }
    }

    @Test
    void shortTextIsBigAndLongTextSmallerUpToTheMinimum() {
        FittedText shortText = fitter.fit("WOW", FontFace.THICK, TextAlign.CENTER, 620, 124, 620);
        FittedText medium = fitter.fit(words(120), FontFace.THICK, TextAlign.CENTER, 620, 124, 620);
        FittedText huge = fitter.fit(words(2000), FontFace.THICK, TextAlign.CENTER, 620, 124, 620);
        assertThat(shortText.fontSize()).isGreaterThan(medium.fontSize());
        assertThat(medium.fontSize()).isGreaterThan(huge.fontSize());
        assertThat(shortText.lines()).containsExactly("WOW");
        assertThat(shortText.truncated()).isFalse();
        assertThat(medium.lines().size()).isBetween(2, 4);
        assertThat(medium.truncated()).isFalse();
        assertThat(huge.truncated()).isTrue();
        assertThat(huge.lines().get(huge.lines().size() - 1)).endsWith("\u2026");
        assertThat(huge.fontSize()).isGreaterThanOrEqualTo(9f);
    }

    @Test
    void wrappedLinesKeepAllWordsInOrder() {
        String text = words(120);
        FittedText fitted = fitter.fit(text, FontFace.THICK, TextAlign.CENTER, 620, 124, 620);
        assertThat(String.join(" ", fitted.lines())).isEqualTo(text);
    }

    @Test
    void overLongWordsAreBroken() {
        String word = "SUPERCALIFRAGILISTICEXPIALIDOCIOUSANDTHENSOMEMORELETTERS";
        FittedText fitted = fitter.fit(word, FontFace.THICK, TextAlign.CENTER, 300, 124, 620);
        assertThat(fitted.lines()).hasSizeGreaterThan(1);
        assertThat(String.join("", fitted.lines())).isEqualTo(word);
        assertThat(fitted.glyphs().getBounds2D().getMaxX()).isLessThanOrEqualTo(300);
    }

    @Test
    void alignmentMovesTheText() {
        double left = fitter.fit("HI", FontFace.THIN, TextAlign.LEFT, 600, 60, 600).glyphs().getBounds2D().getMinX();
        double center = fitter.fit("HI", FontFace.THIN, TextAlign.CENTER, 600, 60, 600).glyphs().getBounds2D().getCenterX();
        double right = fitter.fit("HI", FontFace.THIN, TextAlign.RIGHT, 600, 60, 600).glyphs().getBounds2D().getMaxX();
        assertThat(left).isLessThan(30);
        assertThat(center).isCloseTo(300, org.assertj.core.data.Offset.offset(3.0));
        assertThat(right).isGreaterThan(570);
    }

    @Test
    void emptyOrDegenerateInputGivesNothing() {
        assertThat(fitter.fit("", FontFace.THICK, TextAlign.CENTER, 620, 124, 620).isEmpty()).isTrue();
        assertThat(fitter.fit("  ", FontFace.THICK, TextAlign.CENTER, 620, 124, 620).isEmpty()).isTrue();
        assertThat(fitter.fit("X", FontFace.THICK, TextAlign.CENTER, 0, 124, 620).isEmpty()).isTrue();
        assertThat(fitter.fit("X", FontFace.THICK, TextAlign.CENTER, 620, 1, 620).isEmpty()).isTrue();
    }

    @Test
    void tinyBoxStillFitsInside() {
        FittedText fitted = fitter.fit(words(300), FontFace.THIN, TextAlign.CENTER, 40, 20, 620);
        assertThat(fitted.isEmpty()).isFalse();
        assertThat(fitted.truncated()).isTrue();
        Rectangle2D ink = fitted.glyphs().getBounds2D();
        assertThat(ink.getMaxX()).isLessThanOrEqualTo(40);
        assertThat(ink.getMaxY()).isLessThanOrEqualTo(20);
        assertThat(ink.getMinY()).isGreaterThanOrEqualTo(0);
    }
}
