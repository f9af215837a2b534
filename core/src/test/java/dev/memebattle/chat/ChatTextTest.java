package dev.memebattle.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatTextTest {

    @Test
    void removesControlZeroWidthAndBidiCharacters() {
        assertThat(ChatText.clean("a\u0000b\u0007c")).isEqualTo("abc");
        assertThat(ChatText.clean("wo\u200Bw")).isEqualTo("wow");
        assertThat(ChatText.clean("\u202Egnp.exe\u202C")).isEqualTo("gnp.exe");
        assertThat(ChatText.clean("\u2066x\u2069\u200E\u200F\uFEFF")).isEqualTo("x");
    }

    @Test
    void collapsesWhitespaceAndTrims() {
        assertThat(ChatText.clean("  such \t\n  test \u00A0 ")).isEqualTo("such test");
    }

    @Test
    void keepsEmojiAccentsCjkAndCyrillic() {
        String text = "héllo 😂 мем 梗图 ñ";
        assertThat(ChatText.clean(text)).isEqualTo(text);
        // joiners go too (the renderer draws emoji sequences as their parts): the emoji themselves stay
        assertThat(ChatText.clean("👨\u200D👩")).isEqualTo("👨👩");
    }

    @Test
    void normalisesToNfcSoEqualLookingTextIsEqual() {
        assertThat(ChatText.clean("e\u0301")).isEqualTo("\u00E9");
    }

    @Test
    void hugeInputIsCutBeforeAnyWork() {
        assertThat(ChatText.clean("x".repeat(100_000))).hasSize(4 * ChatText.MAX_INPUT_CHARS);
    }

    @Test
    void mentionsCannotPing() {
        String safe = ChatText.mentionSafe("hi @everyone and @here");
        assertThat(safe).doesNotContain("@everyone").doesNotContain("@here").contains("everyone");
    }

    @Test
    void nullIsEmpty() {
        assertThat(ChatText.clean(null)).isEmpty();
    }
}
