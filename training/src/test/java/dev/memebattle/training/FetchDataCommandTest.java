package dev.memebattle.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** fetch-data against a local HTTP server laid out like the ImgFlip575K dataset and memegen's templates. */
class FetchDataCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DOGE_PICTURE = "not really a jpeg, but the pinned bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        files.put("/dataset/popular_100_memes.csv", ("""
                "ID","Name","Alternate Names"
                "8072285","Doge","Shiba Inu"
                "124055727","Y'all Got Any More Of That","Tyrone Biggums, Dave Chappelle"
                "61579","One Does Not Simply","one does not simply walk into morder, \"\"boromir\"\" meme"
                """).getBytes(StandardCharsets.UTF_8));
        files.put("/dataset/memes/Doge.json", """
                [{"url": "u1", "metadata": {"views": "9,794", "img-votes": "190", "title": "Doge"}, "boxes": ["Much wow", "Very test"]},
                 {"url": "u2", "metadata": {"views": "12", "img-votes": "1"}, "boxes": ["Much wow", "Very test"]},
                 {"url": "u3", "metadata": {"views": "5", "img-votes": "0"}, "boxes": ["", " "]},
                 {"url": "u4", "metadata": {"views": "7", "img-votes": "2"}, "boxes": ["such fetch"]}]
                """.getBytes(StandardCharsets.UTF_8));
        files.put("/dataset/memes/Yall-Got-Any-More-Of-That.json", """
                [{"metadata": {"views": "300", "img-votes": "4"}, "boxes": ["y'all got any more", "of that green"]}]
                """.getBytes(StandardCharsets.UTF_8));
        // One Does Not Simply has no file: the dataset lacks a few of its 100
        files.put("/memegen/doge/default.jpg", DOGE_PICTURE);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A definitions folder with one template whose pinned hash is of {@link #DOGE_PICTURE}. */
    private Path templates() throws Exception {
        Path defs = Files.createDirectories(dir.resolve("templates"));
        String doge = Files.readString(Path.of("templates", "doge.yml"))
                .replaceAll("sha256: [0-9a-f]{64}", "sha256: " + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(DOGE_PICTURE)));
        Files.writeString(defs.resolve("doge.yml"), doge);
        return defs;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new FetchDataCommand(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(previousErr);
        }
    }

    @Test
    void buildsTheCorpusAndTheImagesInTheSharedDataLayout() throws Exception {
        Path data = dir.resolve("data");
        Run run = run("--to", data.toString(), "--templates", templates().toString(),
                "--captions-from", base + "/dataset/", "--images-from", base + "/memegen/");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Captions: 3 from 2 templates").contains("no captions for One Does Not Simply")
                .contains("Template images: 1 of 1");

        List<JsonNode> captions = new java.util.ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(data.resolve("captions/imgflip-captions.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                captions.add(JSON.readTree(line));
            }
        }
        // the duplicate and the empty caption are dropped; numbers like "9,794" are read
        assertThat(captions).hasSize(3);
        JsonNode first = captions.get(0);
        assertThat(first.path("template").asText()).isEqualTo("Doge");
        assertThat(first.path("imgflip_id").asText()).isEqualTo("8072285");
        assertThat(first.path("memegen").asText()).isEqualTo("doge");
        assertThat(first.path("views").asLong()).isEqualTo(9794);
        assertThat(first.path("votes").asLong()).isEqualTo(190);
        assertThat(first.path("boxes")).hasSize(2);
        assertThat(captions.get(2).path("memegen").isNull()).as("no picture of ours for it").isTrue();

        JsonNode templates = JSON.readTree(data.resolve("captions/templates.json").toFile());
        assertThat(templates).hasSize(2);
        assertThat(templates.get(0).path("alternative_names").get(0).asText()).isEqualTo("Shiba Inu");
        assertThat(templates.get(1).path("captions").asInt()).isEqualTo(1);

        assertThat(data.resolve("templates/doge/default.jpg")).hasBinaryContent(DOGE_PICTURE);
    }

    @Test
    void aPictureThatIsNotThePinnedOneIsRefused() throws Exception {
        Path defs = templates();
        files.put("/memegen/doge/default.jpg", "tampered".getBytes(StandardCharsets.UTF_8));
        Run run = run("--to", dir.resolve("data").toString(), "--templates", defs.toString(),
                "--captions-from", base + "/dataset/", "--images-from", base + "/memegen/");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("1 template images could not be fetched").contains("--images-from");
        assertThat(dir.resolve("data/templates/doge/default.jpg")).doesNotExist();
    }

    @Test
    void anUnreachableDatasetIsOneLineWithWhatToDo() throws Exception {
        server.stop(0);
        Run run = run("--to", dir.resolve("data").toString(), "--templates", templates().toString(),
                "--captions-from", base + "/dataset/");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("Could not fetch the captions from").contains("--captions-from");
    }

    @Test
    void fileNamesFollowTheDataset() {
        assertThat(FetchDataCommand.fileName("Y'all Got Any More Of That")).isEqualTo("Yall-Got-Any-More-Of-That");
        assertThat(FetchDataCommand.fileName("X, X Everywhere")).isEqualTo("X-X-Everywhere");
        assertThat(FetchDataCommand.fileName("Who Would Win?")).isEqualTo("Who-Would-Win");
    }
}
