package dev.memebattle.template;

import dev.memebattle.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The committed definitions match the shared data, and broken definitions fail with useful messages. */
class TemplateDefinitionFilesTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static String doge;

    @BeforeAll
    static void readDoge() throws IOException {
        doge = Files.readString(TEMPLATES.resolve("doge.yml"));
    }

    /** The real pictures: a test that uses them is skipped where ../shared/data is missing. */
    static Path sharedTemplates() {
        return TestData.sharedData().resolve("templates");
    }

    @Test
    void everyImageExistsInSharedDataWithThePinnedHash() throws Exception {
        TemplateCatalog catalog = TemplateCatalog.load(TEMPLATES);
        for (MemeTemplate t : catalog.all()) {
            Path image = sharedTemplates().resolve(t.key()).resolve(t.imageFile());
            assertThat(image).as(t.key()).isRegularFile();
            assertThat(sha256(image)).as(t.key()).isEqualTo(t.sha256());
            assertThat(t.sourceUrl()).hasToString("https://raw.githubusercontent.com/jacebrowning/memegen/aa0fc3af4dd1c669cc35039a7d8efcca7d4eb98a/templates/"
                    + t.key() + "/" + t.imageFile());
        }
        // one definition per template folder, none missing
        try (Stream<Path> dirs = Files.list(sharedTemplates())) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(catalog.all().stream().map(MemeTemplate::key).toList());
        }
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("key: doge\n", "", "doge.yml: key: missing"),
                broken("key: doge\n", "key: Doge\n", "doge.yml: key: 'Doge' must be lowercase"),
                broken("key: doge\n", "key: cat\n", "doge.yml: key: 'cat' does not match the file name"),
                broken("name: Doge\n", "name: '  '\n", "doge.yml: name: must have letters"),
                broken("{x: 0.02, y: 0.74,", "{x: 1.5, y: 0.74,", "doge.yml: boxes[2].x: 1.5 is outside 0..1"),
                broken("{x: 0.36, y: 0.87,", "{x: 0.5, y: 0.87,", "doge.yml: boxes[4]: x + width = 1.1 runs past the right edge"),
                broken("width: 0.66, height: 0.13,", "width: 0.66, height: 0.0,",
                        "doge.yml: boxes[0].height: 0.0 is outside (0, 1]"),
                broken("y: 0.74,", "y: '0.74',", "doge.yml: boxes[2].y: expected a number (line"),
                broken("{x: 0.02, y: 0.74, ", "{y: 0.74, ", "doge.yml: boxes[2].x: missing"),
                broken("color: '#ff00ff'", "color: magenta", "doge.yml: boxes[0].color: expected #rrggbb, got 'magenta'"),
                broken("color: '#ff00ff'", "color: '#ff00fg'", "doge.yml: boxes[0].color: expected #rrggbb"),
                broken("style: none", "style: bold", "doge.yml: boxes[0].style: expected one of upper, none, mock, got 'bold'"),
                broken("font: thin", "font: papyrus", "doge.yml: boxes[0].font: expected one of thick, thin, comic"),
                broken("align: center", "align: middle", "doge.yml: boxes[0].align: expected one of left, center, right"),
                broken("angle: 4.0", "angel: 4.0", "doge.yml: boxes[0].angel: unknown field; expected one of align, angle"),
                broken("start: 0.0, stop: 1.0}", "start: 0.9, stop: 0.5}", "doge.yml: boxes[0]: start/stop must satisfy"),
                broken("ai_capable: true", "ai_capable: 'yes'", "doge.yml: ai_capable: expected true or false"),
                broken("imgflip_id: '8072285'", "imgflip_id: 'abc'", "doge.yml: imgflip_id: expected digits"),
                broken("file: default.jpg", "file: ../../etc/passwd", "doge.yml: image.file: '../../etc/passwd' must be a plain file name"),
                broken("url: https://", "url: ftp://", "doge.yml: image.url: expected an absolute http(s) URL"),
                broken("sha256: 1", "sha256: z1", "doge.yml: image.sha256: expected 64 hex digits"),
                broken("image:\n", "picture:\n", "doge.yml: picture: unknown field"),
                broken("  - so scatter\n", "", "doge.yml: example: has 4 line(s) for 5 box(es)"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: []", "doge.yml: ai_box_counts: must list at least one"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [0, 2]", "doge.yml: ai_box_counts[0]: 0 is outside 1..5"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [1, 6]",
                        "doge.yml: ai_box_counts[1]: 6 is outside 1..5 (the template has 5 boxes)"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [2, 2]", "doge.yml: ai_box_counts[1]: 2 is listed twice"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [1, ~]", "doge.yml: ai_box_counts[1]: expected a whole number"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [1, '2']", "doge.yml: ai_box_counts[1]: expected a whole number"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [1, 2.5]", "doge.yml: ai_box_counts[1]: expected a whole number"),
                broken("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: 2", "doge.yml: ai_box_counts: expected a list"),
                broken("aliases: [Shiba Inu, ironic doge]", "aliases: [Shiba Inu, '!!!']", "doge.yml: aliases[1]: must have letters"),
                broken("name: Doge\n", "name: Doge\nname: Doggo\n", "doge.yml: invalid YAML: Duplicate field 'name'"),
                broken("boxes:\n", "boxes: [\n", "doge.yml: invalid YAML"));
    }

    private static Arguments broken(String find, String replacement, String expected) {
        return Arguments.of(find, replacement, expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("brokenFiles")
    void brokenFileNamesFileAndField(String find, String replacement, String expected, @TempDir Path dir)
            throws IOException {
        assertThat(doge).contains(find);
        Files.writeString(dir.resolve("doge.yml"), doge.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replacement)));
        Files.writeString(dir.resolve("drake.yml"), Files.readString(TEMPLATES.resolve("drake.yml")));

        TemplateDefinitionException e = catchThrowableOfType(TemplateDefinitionException.class,
                () -> TemplateCatalog.load(dir));
        assertThat(e).as("no exception for: " + expected).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(expected));
        assertThat(e.problems()).allMatch(p -> p.startsWith("doge.yml: "));
        assertThat(e.getMessage()).doesNotContain("com.fasterxml", "Exception", "\tat ");
    }

    @Test
    void noBoxesIsAnError(@TempDir Path dir) throws IOException {
        String noBoxes = doge.substring(0, doge.indexOf("boxes:")) + "boxes: []\nexample: []\n";
        Files.writeString(dir.resolve("doge.yml"), noBoxes);
        assertThatThrownBy(() -> TemplateCatalog.load(dir)).isInstanceOf(TemplateDefinitionException.class)
                .hasMessage("doge.yml: boxes: a template needs at least one text box");
    }

    @Test
    void structuralErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.yml"), "");
        Files.writeString(dir.resolve("list.yml"), "- a\n- b\n");
        TemplateDefinitionException e = catchThrowableOfType(TemplateDefinitionException.class,
                () -> TemplateCatalog.load(dir));
        assertThat(e.problems()).containsExactly(
                "empty.yml: file is empty",
                "list.yml: expected a mapping of template fields at the top level (line 1)");
        assertThat(e.getMessage()).startsWith("2 problems in template definitions:");

        assertThatThrownBy(() -> TemplateCatalog.load(dir.resolve("missing")))
                .hasMessageStartingWith("templates directory not found: ");
        Path empty = Files.createDirectory(dir.resolve("none"));
        Files.writeString(empty.resolve("README.md"), "not a template");
        assertThatThrownBy(() -> TemplateCatalog.load(empty)).hasMessageStartingWith("no template files (*.yml) in ");
    }

    @Test
    void namesAndAliasesMustLeadToOneTemplate(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("doge.yml"), doge);
        Files.writeString(dir.resolve("doggo.yml"), doge.replace("key: doge", "key: doggo")
                .replace("name: Doge", "name: 'D.O.G.E.'")
                .replace("aliases: [Shiba Inu, ironic doge]", "aliases: [good boy, shiba-inu]"));
        Files.writeString(dir.resolve("pupper.yml"), doge.replace("key: doge", "key: pupper")
                .replace("name: Doge", "name: Doggo")
                .replace("aliases: [Shiba Inu, ironic doge]", "aliases: [pupper, Good Boy]"));
        TemplateDefinitionException e = catchThrowableOfType(TemplateDefinitionException.class,
                () -> TemplateCatalog.load(dir));
        assertThat(e.problems()).containsExactly(
                "doggo.yml: name: 'D.O.G.E.' is already used by doge.yml (key); names are compared ignoring case, spaces and punctuation",
                "pupper.yml: name: 'Doggo' is already used by doggo.yml (key); names are compared ignoring case, spaces and punctuation",
                "doggo.yml: aliases[1]: 'shiba-inu' is already used by doge.yml (aliases[0]); names are compared ignoring case, spaces and punctuation",
                "pupper.yml: aliases[1]: 'Good Boy' is already used by doggo.yml (aliases[0]); names are compared ignoring case, spaces and punctuation");
    }

    @Test
    void keywordsMayBeShared(@TempDir Path dir) throws Exception {
        for (String key : new String[] {"dwight", "jim", "michael-scott"}) {
            Files.copy(TEMPLATES.resolve(key + ".yml"), dir.resolve(key + ".yml"));
        }
        assertThat(TemplateCatalog.load(dir).size()).isEqualTo(3);
    }

    @Test
    void optionalFieldsHaveDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("minimal.yml"), """
                key: minimal
                name: Minimal
                image: {file: default.png, url: 'http://example.org/minimal.png', sha256: %s}
                boxes:
                  - {x: 0, y: 0.5, width: 1, height: 0.5, color: '#FA0'}
                """.formatted("AB".repeat(32)));
        MemeTemplate t = TemplateCatalog.load(dir).byKey("minimal").orElseThrow();
        assertThat(t.boxes()).containsExactly(new TextBox(0, 0.5, 1, 0.5, 0, TextStyle.UPPER, "#ffaa00",
                FontFace.THICK, TextAlign.CENTER, 0, 1));
        assertThat(t.example()).containsExactly("");
        assertThat(t.aliases()).isEmpty();
        assertThat(t.imgflipId()).isNull();
        assertThat(t.aiCapable()).isFalse();
        assertThat(t.aiBoxCounts()).containsExactly(1);
        assertThat(t.sha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void aiBoxCountsAreSorted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("doge.yml"), doge.replace("ai_box_counts: [1, 2, 4, 5]", "ai_box_counts: [5, 1, 4]"));
        assertThat(TemplateCatalog.load(dir).byKey("doge").orElseThrow().aiBoxCounts()).containsExactly(1, 4, 5);
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
