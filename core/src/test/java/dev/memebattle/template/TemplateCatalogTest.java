package dev.memebattle.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Loads the real {@code templates/} folder and checks lookups against it. */
class TemplateCatalogTest {

    private static TemplateCatalog catalog;

    @BeforeAll
    static void load() throws TemplateDefinitionException {
        catalog = TemplateCatalog.load(Path.of("templates"));
    }

    @Test
    void loadsEveryTemplate() {
        assertThat(catalog.all()).hasSize(208);
        assertThat(catalog.size()).isEqualTo(208);
        assertThat(catalog.aiCapable()).hasSize(46).allMatch(MemeTemplate::aiCapable);
        assertThat(catalog.all().stream().filter(MemeTemplate::animated)).hasSize(14);
        assertThat(catalog.all()).allSatisfy(t -> {
            assertThat(t.boxes()).isNotEmpty();
            assertThat(t.example()).hasSameSizeAs(t.boxes());
            assertThat(t.aiCapable()).isEqualTo(t.imgflipId() != null);
        });
        assertThat(catalog.all()).extracting(MemeTemplate::key).isSorted();
    }

    @Test
    void readsAllFieldsOfOneTemplate() {
        MemeTemplate doge = catalog.byKey("doge").orElseThrow();
        assertThat(doge.name()).isEqualTo("Doge");
        assertThat(doge.aliases()).contains("Shiba Inu", "ironic doge");
        assertThat(doge.imgflipId()).isEqualTo("8072285");
        assertThat(doge.imageFile()).isEqualTo("default.jpg");
        assertThat(doge.sourceUrl()).hasToString(
                "https://raw.githubusercontent.com/jacebrowning/memegen/aa0fc3af4dd1c669cc35039a7d8efcca7d4eb98a/templates/doge/default.jpg");
        assertThat(doge.sha256()).hasSize(64);
        assertThat(doge.example()).containsExactly("such meme", "very layout", "wow", "much colour", "so scatter");
        assertThat(doge.boxes()).hasSize(5).first().isEqualTo(
                new TextBox(0.02, 0.02, 0.66, 0.13, 4, TextStyle.NONE, "#ff00ff", FontFace.THIN, TextAlign.CENTER, 0, 1));
        assertThat(doge.aiBoxCounts()).containsExactly(1, 2, 4, 5);

        MemeTemplate aag = catalog.byKey("aag").orElseThrow();
        assertThat(aag.boxes()).containsExactly(
                new TextBox(0, 0, 1, 0.2, 0, TextStyle.UPPER, "#ffffff", FontFace.THICK, TextAlign.CENTER, 0, 1),
                new TextBox(0, 0.8, 1, 0.2, 0, TextStyle.UPPER, "#ffffff", FontFace.THICK, TextAlign.CENTER, 0, 1));
        assertThat(aag.aiBoxCounts()).containsExactly(1, 2);
        assertThat(catalog.byKey("3hd").orElseThrow().aiBoxCounts()).containsExactly(catalog.byKey("3hd").orElseThrow()
                .boxes().size());

        MemeTemplate spongebob = catalog.byKey("spongebob").orElseThrow();
        assertThat(spongebob.boxes()).extracting(TextBox::style).containsExactly(TextStyle.NONE, TextStyle.MOCK);
        MemeTemplate buzz = catalog.byKey("buzz").orElseThrow();
        assertThat(buzz.animated()).isTrue();
        assertThat(buzz.boxes().get(1).start()).isEqualTo(0.5);
    }

    @Test
    void coloursAreNormalisedHex() {
        assertThat(catalog.all().stream().flatMap(t -> t.boxes().stream()).map(TextBox::color))
                .allMatch(c -> c.matches("#[0-9a-f]{6}"))
                .contains("#ffffff", "#000000", "#f0e68c", "#eee8aa", "#800000", "#bbbbbb");
    }

    @ParameterizedTest
    @CsvSource({
            "doge, doge",
            "Doge, doge",
            "'  d o g e  ', doge",
            "DOGE!!!, doge",
            "dgoe, doge",
            "Shiba Inu, doge",
            "shiba-inu, doge",
            "one does not simply, mordor",
            "One Does Not Simply Walk Into Mordor, mordor",
            "one dose not simply, mordor",
            "Two Buttons, ds",
            "is this a pigeon?, pigeon",
            "Drake Hotline Bling, drake",
            "drkae, drake",
            "Y'all Got Any More Of That, yallgot",
            "woman-cat, woman-cat",
            "Pokémon-less Dоge, ''",
    })
    void findsTheTemplateMeant(String query, String key) {
        if (key.isEmpty()) {
            assertThat(catalog.find(query)).isEmpty();
        } else {
            assertThat(catalog.find(query)).map(MemeTemplate::key).contains(key);
        }
    }

    @Test
    void findRefusesToGuess() {
        assertThat(catalog.find("")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
        assertThat(catalog.find("   ?!  ")).isEmpty();
        assertThat(catalog.find("d")).isEmpty();
        assertThat(catalog.find("xqzvkjw")).isEmpty();
        // shared by three templates: a keyword, so only a suggestion, never the answer
        assertThat(catalog.find("The Office")).isEmpty();
        assertThat(catalog.search("The Office", 10)).extracting(m -> m.template().key())
                .contains("dwight", "jim", "michael-scott");
    }

    @Test
    void suggestionsAreRanked() {
        List<TemplateMatch> matches = catalog.search("dra", 10);
        assertThat(matches).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(matches.get(0).template().key()).isEqualTo("drake");
        assertRanked(matches);

        List<TemplateMatch> word = catalog.search("hotline", 5);
        assertThat(word.get(0).template().key()).isEqualTo("drake");
        assertThat(word.get(0).score()).isEqualTo(TemplateCatalog.WORD_PREFIX);
        assertThat(word.get(0).matchedName()).isEqualTo("Drake Hotline Bling");

        List<TemplateMatch> exact = catalog.search("doge", 5);
        assertThat(exact.get(0).template().key()).isEqualTo("doge");
        assertThat(exact.get(0).score()).isEqualTo(TemplateCatalog.EXACT);
        assertThat(exact.get(0).matchedName()).isEqualTo("Doge");
        assertRanked(exact);

        List<TemplateMatch> typo = catalog.search("dgoe", 5);
        assertThat(typo).extracting(m -> m.template().key()).contains("doge");
        assertRanked(typo);
    }

    @Test
    void emptyQueryListsAiCapableFirst() {
        List<TemplateMatch> all = catalog.search("", 500);
        assertThat(all).hasSize(208);
        assertThat(all.subList(0, 46)).allMatch(m -> m.template().aiCapable());
        assertThat(all.subList(46, 208)).noneMatch(m -> m.template().aiCapable());
        assertThat(catalog.search("   ", 3)).hasSize(3);
        assertThat(catalog.search("doge", 0)).isEmpty();
    }

    @Test
    void aQueryOfOnlySymbolsOrEmojiMatchesNothing() {
        assertThat(catalog.search("😂😂", 10)).isEmpty();
        assertThat(catalog.search("!!! ???", 10)).isEmpty();
        assertThat(catalog.search("🐶 doge", 10)).isNotEmpty();
    }

    @Test
    void nonsenseAndHostileQueriesNeverThrow() {
        String huge = "doge ".repeat(2048);
        String control = "\u0000\u0007do\u001bge\r\n\t\uD83D\uDE00\uFFFF";
        assertThatCode(() -> {
            catalog.find(huge);
            catalog.search(huge, 10);
            catalog.find(control);
            catalog.search(control, 10);
            catalog.search("\uD800", 10); // lone surrogate
        }).doesNotThrowAnyException();
        assertThat(catalog.find(huge)).isEmpty();
        assertThat(catalog.find(control)).map(MemeTemplate::key).contains("doge");
        assertThat(catalog.find("qwxzjvqwxzjv")).isEmpty();
        assertThat(catalog.search("qwxzjvqwxzjv", 10)).isEmpty();
    }

    /** Scores never increase; equal scores put AI-capable templates first. */
    private static void assertRanked(List<TemplateMatch> matches) {
        for (int i = 1; i < matches.size(); i++) {
            TemplateMatch before = matches.get(i - 1);
            TemplateMatch after = matches.get(i);
            assertThat(after.score()).isLessThanOrEqualTo(before.score());
            if (after.score() == before.score() && after.template().aiCapable()) {
                assertThat(before.template().aiCapable()).as("%s before %s", before, after).isTrue();
            }
        }
    }
}
