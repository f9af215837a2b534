package dev.memebattle.chat;

import dev.memebattle.TestData;
import dev.memebattle.cli.BotComponents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform-neutral commands, through the real engine, renderer and catalog. */
class ChatCommandsTest {

    static BotComponents bot;
    static final ChatOrigin ORIGIN = new ChatOrigin("test", "chat-1", "user-1");

    @BeforeAll
    static void start() {
        bot = BotComponents.create(TestData.config());
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    static ChatReply send(String message) {
        return bot.chat().handle(ORIGIN, message, "MemeBattleBot").orElseThrow().join();
    }

    static String text(ChatReply reply) {
        assertThat(reply).isNotInstanceOf(ChatReply.Posted.class);
        return reply instanceof ChatReply.Page page ? page.text() : reply.text();
    }

    @Test
    void memeWithAPrefixPostsADecodableImageWhoseCaptionStartsWithIt() throws Exception {
        ChatReply reply = send("/meme doge wow");
        assertThat(reply).isInstanceOf(ChatReply.Posted.class);
        ChatReply.Posted posted = (ChatReply.Posted) reply;
        assertThat(posted.meme().template().key()).isEqualTo("doge");
        assertThat(posted.meme().caption()).startsWith("wow");
        assertThat(ImageIO.read(new ByteArrayInputStream(posted.meme().image().bytes()))).isNotNull();
    }

    @Test
    void ownTextFillsEachBox() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme drake no | yes");
        assertThat(posted.meme().texts()).containsExactly("no", "yes");
        assertThat(posted.meme().aiWritten()).isFalse();
    }

    @Test
    void aTrailingBarMakesTheTextYourOwnOnAOneBoxTemplate() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme cmm tabs are better than spaces |");
        assertThat(posted.meme().template().boxes()).hasSize(1);
        assertThat(posted.meme().texts()).containsExactly("tabs are better than spaces");
        assertThat(posted.meme().aiWritten()).isFalse();
    }

    @Test
    void multiWordTemplateNamesAreRecognisedBeforeTheText() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme one does not simply write tests | first");
        assertThat(posted.meme().template().key()).isEqualTo("mordor");
        assertThat(posted.meme().texts().get(0)).isEqualTo("write tests");
    }

    @Test
    void typosAreForgiven() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme dgoe wow");
        assertThat(posted.meme().template().key()).isEqualTo("doge");
        assertThat(posted.meme().caption()).startsWith("wow");
    }

    @Test
    void aTemplateNameNeverReachesPastTheBoxSeparator() {
        // "drake no yes" is also an alias of drake: the words after the key are still the text
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme drake no | yes");
        assertThat(posted.meme().texts()).containsExactly("no", "yes");
    }

    @Test
    void commandAddressedToUsByNameWorksAndToAnotherBotIsIgnored() {
        assertThat(send("/meme@MemeBattleBot drake a | b")).isInstanceOf(ChatReply.Posted.class);
        assertThat(bot.chat().handle(ORIGIN, "/meme@OtherBot drake a | b", "MemeBattleBot")).isEmpty();
    }

    @Test
    void unknownTemplateGetsSuggestions() {
        String reply = text(send("/meme cat wow"));
        assertThat(reply).contains("Did you mean").contains("grumpycat");
        String none = text(send("/meme qqqqqqqqqq hi"));
        assertThat(none).contains("don't know").contains("/templates");
    }

    @Test
    void aBareMemeOrRandomPicksATemplateTheModelKnowsAndTheChatAllows() {
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            ChatReply.Posted posted = (ChatReply.Posted) send(i % 2 == 0 ? "/meme" : "/meme Random wow");
            assertThat(posted.meme().template().aiCapable()).isTrue();
            if (i % 2 == 1) {
                assertThat(posted.meme().caption()).startsWith("wow");
            }
            picked.add(posted.meme().template().key());
        }
        assertThat(picked).as("not always the same").hasSizeGreaterThan(3);
    }

    @Test
    void tooManyBoxesIsExplained() {
        String reply = text(send("/meme doge " + "x|".repeat(49) + "x"));
        assertThat(reply).contains("5 text boxes").contains("50");
    }

    @Test
    void tenKilobytesOfTextIsRefusedShortly() {
        String reply = text(send("/meme doge " + "a".repeat(10_000)));
        assertThat(reply).contains("too much text").hasSizeLessThan(200);
    }

    @Test
    void aLongUnknownQueryIsQuotedShortly() {
        assertThat(text(send("/templates " + "x".repeat(900)))).startsWith("No template matches \"xxxx")
                .contains("…\"").hasSizeLessThan(80);
        assertThat(text(send("/meme " + "y".repeat(900) + " wow"))).startsWith("I don't know the template \"yyyy")
                .contains("…\"").hasSizeLessThan(120);
        // cut between characters, never inside an emoji's surrogate pair
        assertThat(text(send("/templates " + "😂".repeat(60)))).isEqualTo("No template matches \""
                + "😂".repeat(40) + "…\".");
    }

    @Test
    void controlZeroWidthAndRtlCharactersAreRemovedBeforeRendering() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme drake a\u0000b\u200B | \u202Eyes\u202C");
        assertThat(posted.meme().texts()).containsExactly("ab", "yes");
    }

    @Test
    void emojiAndOnlyPipesStillMakeAMeme() {
        assertThat(send("/meme doge 😂🔥 | 💯")).isInstanceOf(ChatReply.Posted.class);
        ChatReply.Posted pipes = (ChatReply.Posted) send("/meme doge |");
        assertThat(pipes.meme().aiWritten()).isTrue();
    }

    @Test
    void mentionsInTheCaptionLineCannotPing() {
        ChatReply.Posted posted = (ChatReply.Posted) send("/meme drake @everyone | @here");
        assertThat(posted.caption()).doesNotContain("@everyone").doesNotContain("@here");
    }

    @Test
    void templatesListsMatchesAndPages() {
        assertThat(text(send("/templates dog"))).contains("doge");
        String first = text(send("/templates"));
        assertThat(first).contains("page 1/").contains("More: /templates 2");
        String second = text(send("/templates 2"));
        assertThat(second).contains("page 2/").isNotEqualTo(first);
        assertThat(text(send("/templates zzzzzzzzzzzzzzzz"))).contains("No template");
    }

    @Test
    void templatesGifListsTheAnimatedOnesMarked() {
        String gifs = text(send("/templates gif"));
        assertThat(gifs).contains("14 in all");
        assertThat(gifs.lines().filter(l -> l.startsWith("• "))).isNotEmpty().allMatch(l -> l.contains("GIF"));
        assertThat(text(send("/templates drake"))).doesNotContain("GIF");
    }

    @Test
    void helpListsTheCommandsAndUnknownCommandsPointToIt() {
        assertThat(text(send("/help"))).contains("/meme").contains("/templates");
        assertThat(text(send("/frobnicate"))).contains("/help");
        assertThat(bot.chat().handle(ORIGIN, "just chatting", "MemeBattleBot")).isEmpty();
    }
}
