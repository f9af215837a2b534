package dev.memebattle.render;

import org.junit.jupiter.api.Test;

import java.awt.Color;

import static org.assertj.core.api.Assertions.assertThat;

class TextColorsTest {

    @Test
    void parsesHexAndCssNames() {
        assertThat(TextColors.of("#fff05c").fill()).isEqualTo(new Color(0xFF, 0xF0, 0x5C));
        assertThat(TextColors.of("#BBBBBB").fill()).isEqualTo(new Color(0xBB, 0xBB, 0xBB));
        assertThat(TextColors.of("#f0a").fill()).isEqualTo(new Color(0xFF, 0x00, 0xAA));
        assertThat(TextColors.of("khaki").fill()).isEqualTo(new Color(0xF0, 0xE6, 0x8C));
        assertThat(TextColors.of(" PaleGoldenrod ").fill()).isEqualTo(new Color(0xEE, 0xE8, 0xAA));
        assertThat(TextColors.of("maroon").fill()).isEqualTo(new Color(0x80, 0x00, 0x00));
    }

    @Test
    void outlineContrastsWithFill() {
        assertThat(TextColors.of("white").outline()).isEqualTo(Color.BLACK);
        assertThat(TextColors.of("#fff05c").outline()).isEqualTo(Color.BLACK);
        assertThat(TextColors.of("khaki").outline()).isEqualTo(Color.BLACK);
        assertThat(TextColors.of("black").outline()).isEqualTo(Color.WHITE);
        assertThat(TextColors.of("maroon").outline()).isEqualTo(Color.WHITE);
        assertThat(TextColors.of("#000080").outline()).isEqualTo(Color.WHITE);
    }

    @Test
    void unknownColoursFallBackToWhiteOnBlack() {
        assertThat(TextColors.of("not-a-colour")).isEqualTo(TextColors.DEFAULT);
        assertThat(TextColors.of("#12345")).isEqualTo(TextColors.DEFAULT);
        assertThat(TextColors.of("#ggg")).isEqualTo(TextColors.DEFAULT);
        assertThat(TextColors.of(null)).isEqualTo(TextColors.DEFAULT);
    }
}
