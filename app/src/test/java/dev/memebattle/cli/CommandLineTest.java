package dev.memebattle.cli;

import dev.memebattle.MemeBattle;
import dev.memebattle.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The local mode a newcomer uses first: generate and console, run through picocli as from the shell. */
class CommandLineTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = MemeBattle.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static String images() {
        return TestData.templateImages().toString();
    }

    @Test
    void generateWritesTheMemeAndPrintsTheFinalText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("meme.jpg");
        Run run = run("", "generate", "--images-dir", images(), "--template", "doge",
                "--text", "such test|very bar", "--out", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("such test | very bar").contains(file.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isPositive();
        assertThat(Files.readAllBytes(file)).startsWith(0xFF, 0xD8); // JPEG magic
    }

    @Test
    void generateTakesPrefixSeedAndPngFromTheFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("meme.png");
        Run run = run("", "generate", "--images-dir", images(), "--template", "Doge",
                "--prefix", "wow", "--seed", "7", "--out", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("wow");
        assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void generateWithAnUnknownTemplateSuggestsAndFailsCleanly(@TempDir Path dir) {
        Run run = run("", "generate", "--images-dir", images(), "--template", "cat", "--text", "a|b",
                "--out", dir.resolve("x.jpg").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean").contains("grumpycat").doesNotContain("Exception");
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void consoleAnswersChatCommandsAndWritesImages(@TempDir Path dir) throws Exception {
        Run run = run("/meme doge wow\nmeme drake no | yes\n/templates dog\n/meme zzzzzzzzzz x\n\n", "console",
                "--images-dir", images(), "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher paths = Pattern.compile("→ (\\S+\\.jpg)").matcher(run.out());
        int images = 0;
        while (paths.find()) {
            BufferedImage image = ImageIO.read(Path.of(paths.group(1)).toFile());
            assertThat(image).isNotNull();
            images++;
        }
        assertThat(images).isEqualTo(2);
        assertThat(run.out()).contains("Doge: wow").contains("Drakeposting: no | yes")
                .contains("doge — Doge").contains("don't know");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void runWithoutTokensAndWithoutATerminalFailsWithOneLineThatPointsToTheConsole() {
        for (String[] args : new String[][]{{"run"}, {}}) { // no command at all is run too
            Run run = run("", args);
            assertThat(run.exit()).as("a container started without a token is misconfigured").isEqualTo(2);
            assertThat(run.err().strip()).contains("DISCORD_TOKEN").contains("console").doesNotContain("\n");
        }
    }

    @Test
    void aDatabaseThatIsNotThereIsOneLine(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yml"),
                "store:\n  url: jdbc:postgresql://127.0.0.1:1/nowhere\n");
        Run run = run("", "console", "--config", config.toString()); // run opens it the same way, after the tokens
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("memebattle: Cannot open the database").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void runWithoutTokensFromATerminalOpensTheLocalChat(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("memes");
        Path config = Files.writeString(dir.resolve("config.yml"), "console:\n  out_dir: " + out + "\n");
        // --console stands in for a terminal (System.console() is null under the test runner)
        Run run = run("/meme doge wow\n", "run", "--console", "--config", config.toString(), "--images-dir", images());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("local chat").contains("Doge: wow");
        try (var files = Files.list(out)) {
            List<Path> memes = files.toList();
            assertThat(memes).hasSize(1);
            assertThat(ImageIO.read(memes.get(0).toFile()).getWidth()).isPositive();
        }
    }

    @Test
    void aBrokenConfigurationIsOneClearMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Path noTemplates = Files.writeString(dir.resolve("no-templates.yml"), "templates:\n  definitions_dir: /nope\n");
        Run run = run("", "generate", "--config", noTemplates.toString(), "--images-dir", images(),
                "--template", "doge", "--out", dir.resolve("x.jpg").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("memebattle: Template definitions are broken", "/nope")
                .doesNotContain("\tat ", "Exception");

        Path typo = Files.writeString(dir.resolve("typo.yml"), "engine:\n  wrokers: 3\n");
        run = run("", "console", "--config", typo.toString(), "--images-dir", images());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("memebattle: ", "typo.yml", "wrokers").doesNotContain("\tat ");
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void aConfigFileOrImageFolderNamedButMissingIsOneLineNotTheDefaults(@TempDir Path dir) {
        Run run = run("", "generate", "--config", dir.resolve("nothere.yml").toString(), "--template", "drake",
                "--text", "a|b", "--out", dir.resolve("x.jpg").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("memebattle: --config").contains("nothere.yml: no such file")
                .doesNotContain("\tat ");
        run = run("", "generate", "--images-dir", dir.resolve("no-images").toString(), "--template", "drake",
                "--text", "a|b", "--out", dir.resolve("x.jpg").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).contains("--images-dir", "not a folder");
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void generateRefusesWhatItCannotWriteAsAskedInsteadOfWritingSomethingElse(@TempDir Path dir) {
        Run webp = run("", "generate", "--images-dir", images(), "--template", "drake", "--text", "a|b",
                "--out", dir.resolve("x.webp").toString());
        assertThat(webp.exit()).isEqualTo(2);
        assertThat(webp.err()).contains("only jpeg, png and gif");
        Run gifAsJpeg = run("", "generate", "--images-dir", images(), "--template", "bongo", "--text", "a|b",
                "--out", dir.resolve("cat.jpg").toString());
        assertThat(gifAsJpeg.exit()).isEqualTo(2);
        assertThat(gifAsJpeg.err()).contains("makes a .gif image; use --out cat.gif");
        Run tooMany = run("", "generate", "--images-dir", images(), "--template", "drake", "--text", "a|b|c|d",
                "--out", dir.resolve("x.jpg").toString());
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.err()).contains("has 2 text boxes, you gave 4");
        assertThat(dir.resolve("x.webp")).doesNotExist();
        assertThat(dir.resolve("cat.jpg")).doesNotExist();
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsOneLineNotAStackTrace(@TempDir Path dir) {
        for (String out : new String[]{"/proc/nope/x.jpg", dir.toString()}) {
            Run run = run("", "generate", "--images-dir", images(), "--template", "drake", "--text", "a|b", "--out", out);
            assertThat(run.exit()).as(out).isEqualTo(3);
            assertThat(run.err().strip().lines()).as(out).anyMatch(l -> l.startsWith("memebattle: ") && l.contains("writable"));
            assertThat(run.err()).as(out).doesNotContain("\tat ");
        }
    }

    @Test
    void aMistypedFlagIsNamedWithASuggestionNotTheWholeUsage() {
        Run run = run("", "generate", "--tempalte", "doge");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option", "--tempalte", "Did you mean: --template", "generate --help")
                .doesNotContain("Usage:");
        assertThat(run.err().strip().lines()).hasSizeLessThanOrEqualTo(3);
    }

    /** A machine that cannot reach the images' host: the console and generate say how to go on, with no log noise. */
    @Test
    void aFailedDownloadSaysHowToUseLocalImages(@TempDir Path dir) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yml"), "templates:\n  download_base_url: http://127.0.0.1:"
                + closedPort + "/\n  cache_dir: " + dir.resolve("cache") + "\n  prefetch: false\n");
        Run console = run("/meme doge wow\n", "console", "--config", config.toString(), "-o", dir.toString());
        assertThat(console.out()).contains("could not be downloaded").contains("--images-dir").contains("MEMEBATTLE_IMAGES_DIR");
        assertThat(console.err()).as("no log lines in the chat").doesNotContain("WARN");
        Run generate = run("", "generate", "--config", config.toString(), "--template", "doge", "--text", "a | b",
                "--out", dir.resolve("x.jpg").toString());
        assertThat(generate.exit()).isNotZero();
        assertThat(generate.err()).contains("could not be downloaded").contains("--images-dir");
    }

    @Test
    void unusableFoldersAndDatabasesAreOneLineAtStart(@TempDir Path dir) throws Exception {
        Run out = run("/meme doge wow\n", "console", "--images-dir", images(), "-o", "/proc/memebattle-out");
        assertThat(out.exit()).isEqualTo(3);
        assertThat(out.err().strip().lines()).hasSize(1);
        assertThat(out.err()).contains("/proc/memebattle-out");

        Path mysql = Files.writeString(dir.resolve("mysql.yml"), "store:\n  url: jdbc:mysql://x\n");
        Run wrongDatabase = run("", "console", "--config", mysql.toString(), "--images-dir", images());
        assertThat(wrongDatabase.exit()).isEqualTo(2);
        assertThat(wrongDatabase.err().strip().lines()).hasSize(1);
        assertThat(wrongDatabase.err()).contains("store.url must start with jdbc:sqlite: or jdbc:postgresql:");

        Path unwritable = Files.writeString(dir.resolve("proc.yml"), "store:\n  url: jdbc:sqlite:/proc/nope/x.db\n");
        for (String[] command : new String[][]{{"console"}, {"run", "--console"}}) {
            Run noDatabase = run("", command[0], command.length > 1 ? command[1] : "--verbose",
                    "--config", unwritable.toString(), "--images-dir", images());
            assertThat(noDatabase.exit()).as(command[0]).isEqualTo(2);
            assertThat(noDatabase.err().strip().lines()).as(command[0] + ": " + noDatabase.err()).hasSize(1);
            assertThat(noDatabase.err()).contains("store.url").contains("/proc/nope");
        }
    }

    @Test
    void benchPrintsItsNumbersNotALogLinePerMeme() throws Exception {
        // as in a fresh process (an earlier console in this JVM may have lowered it)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.memebattle"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Run run = run("", "bench", "--runs", "3", "--images-dir", images());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("doge JPEG: p50");
        assertThat(run.err().lines().filter(l -> l.contains("MemeService"))).as("per-meme log lines").isEmpty();
    }

    @Test
    void plainTextInTheConsoleIsNotTakenForACommand(@TempDir Path dir) throws Exception {
        Run run = run("hello there\n", "console", "--images-dir", images(), "-o", dir.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Commands start with /").doesNotContain("Unknown command");
    }

    @Test
    void quitEndsTheConsole(@TempDir Path dir) throws Exception {
        Run run = run("/quit\n/meme doge wow\n", "console", "--images-dir", images(), "-o", dir.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("/quit").doesNotContain("Doge:");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"run", "console", "generate", "bench"}) {
            Run run = run("", command, "--help");
            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage:");
        }
    }
}
