package dev.memebattle.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memebattle.template.HttpImageFetcher;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateDefinitionException;
import dev.memebattle.template.TemplateDownloadListener;
import dev.memebattle.template.TemplateImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the training data on a machine that has none: the caption corpus from the public ImgFlip575K
 * dataset and the template images from memegen (each checked against the sha256 pinned in
 * {@code templates/}), in the layout of {@code ../shared/data}.
 */
@Command(name = "fetch-data", mixinStandardHelpOptions = true,
        description = "Download the caption corpus (ImgFlip575K) and the template images (memegen) for training.")
public final class FetchDataCommand implements Callable<Integer> {

    /** The dataset's own folder on GitHub: popular_100_memes.csv and memes/NAME.json. */
    static final String IMGFLIP575K = "https://raw.githubusercontent.com/schesa/ImgFlip575K_Dataset/master/dataset/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSV_FIELD = Pattern.compile("\"((?:[^\"]|\"\")*)\"");
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    @Option(names = "--to", description = "Where to put captions/ and templates/. Default: ${DEFAULT-VALUE}")
    Path to = Path.of("../shared/data");

    @Option(names = "--captions-from", description = "The ImgFlip575K dataset folder (or a mirror). Default: ${DEFAULT-VALUE}")
    URI captionsFrom = URI.create(IMGFLIP575K);

    @Option(names = "--images-from", description = "A mirror of memegen's templates/ folder. Default: each template's own URL.")
    URI imagesFrom;

    @Option(names = "--templates", description = "Template definitions (their image URLs and sha256). Default: ${DEFAULT-VALUE}")
    Path templates = Path.of("templates");

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public FetchDataCommand() {
        this(System.out);
    }

    FetchDataCommand(PrintStream out) {
        this.out = out;
    }

    /** A caption template of the dataset, with our template's key where we have its picture. */
    record DatasetTemplate(String imgflipId, String name, List<String> alternativeNames, String memegen) {
    }

    @Override
    public Integer call() {
        TemplateCatalog catalog;
        try {
            catalog = TemplateCatalog.load(templates);
        } catch (TemplateDefinitionException e) {
            System.err.println("Cannot read the template definitions in " + templates + ": " + e.getMessage()
                    + " (run this from the project's folder, or pass --templates).");
            return 2;
        }
        try {
            Files.createDirectories(to.resolve("captions"));
            fetchCaptions(catalog);
        } catch (IOException e) {
            System.err.println("Could not fetch the captions from " + captionsFrom + ": " + e.getMessage()
                    + ". Check the connection, or pass --captions-from with a mirror of the dataset folder.");
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        return fetchImages(catalog) ? 0 : 3;
    }

    private void fetchCaptions(TemplateCatalog catalog) throws IOException, InterruptedException {
        Map<String, String> keyByImgflipId = new HashMap<>();
        for (MemeTemplate t : catalog.all()) {
            if (t.imgflipId() != null) {
                keyByImgflipId.put(t.imgflipId(), t.key());
            }
        }
        List<DatasetTemplate> list = new ArrayList<>();
        for (String line : get(captionsFrom.resolve("popular_100_memes.csv")).split("\r?\n")) {
            List<String> fields = new ArrayList<>();
            Matcher m = CSV_FIELD.matcher(line);
            while (m.find()) {
                fields.add(m.group(1).replace("\"\"", "\""));
            }
            if (fields.size() < 2 || !fields.get(0).matches("\\d+")) {
                continue; // the header
            }
            List<String> alternatives = fields.size() < 3 || fields.get(2).isBlank() ? List.of()
                    : List.of(fields.get(2).split("\\s*,\\s*"));
            list.add(new DatasetTemplate(fields.get(0), fields.get(1), alternatives, keyByImgflipId.get(fields.get(0))));
        }
        if (list.isEmpty()) {
            throw new IOException("popular_100_memes.csv lists no templates");
        }
        Path corpus = to.resolve("captions").resolve("imgflip-captions.jsonl.gz");
        Path partial = corpus.resolveSibling(corpus.getFileName() + ".part");
        Set<String> seen = new HashSet<>();
        ArrayNode templateList = JSON.createArrayNode();
        int total = 0;
        List<String> missing = new ArrayList<>();
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
            for (DatasetTemplate t : list) {
                String body = getOrNull(captionsFrom.resolve("memes/" + fileName(t.name()) + ".json"));
                if (body == null) {
                    missing.add(t.name());
                    continue;
                }
                int kept = 0;
                for (JsonNode meme : JSON.readTree(body)) {
                    List<String> boxes = new ArrayList<>();
                    meme.path("boxes").forEach(b -> boxes.add(b.asText("").strip()));
                    if (boxes.stream().allMatch(String::isEmpty) || !seen.add(t.imgflipId() + "\u0000" + boxes)) {
                        continue; // nothing written, or an exact duplicate
                    }
                    ObjectNode caption = JSON.createObjectNode().put("template", t.name()).put("imgflip_id", t.imgflipId());
                    caption.put("memegen", t.memegen());
                    caption.put("views", count(meme.path("metadata").path("views").asText("0")));
                    caption.put("votes", count(meme.path("metadata").path("img-votes").asText("0")));
                    ArrayNode boxArray = caption.putArray("boxes");
                    boxes.forEach(boxArray::add);
                    w.write(JSON.writeValueAsString(caption));
                    w.write('\n');
                    kept++;
                }
                total += kept;
                ObjectNode entry = templateList.addObject().put("name", t.name()).put("imgflip_id", t.imgflipId());
                entry.put("memegen", t.memegen());
                ArrayNode alternatives = entry.putArray("alternative_names");
                t.alternativeNames().forEach(alternatives::add);
                entry.put("captions", kept);
            }
        }
        Files.move(partial, corpus, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        JSON.writerWithDefaultPrettyPrinter().writeValue(to.resolve("captions").resolve("templates.json").toFile(), templateList);
        out.printf("Captions: %d from %d templates in %s%s%n", total, list.size() - missing.size(), corpus,
                missing.isEmpty() ? "" : " (the dataset has no captions for " + String.join(", ", missing) + ")");
    }

    private boolean fetchImages(TemplateCatalog catalog) {
        TemplateImageStore.Settings settings = TemplateImageStore.Settings.cache(to.resolve("templates"));
        if (imagesFrom != null) {
            settings = settings.withDownloadBaseUrl(imagesFrom);
        }
        TemplateImageStore store = new TemplateImageStore(settings,
                new HttpImageFetcher(Duration.ofSeconds(15), Duration.ofSeconds(60)), new TemplateDownloadListener() { });
        TemplateImageStore.PrefetchResult result = store.prefetch(catalog.all());
        out.printf("Template images: %d of %d in %s (%d downloaded now)%n", result.total() - result.failures().size(),
                result.total(), to.resolve("templates"), result.downloaded());
        if (!result.complete()) {
            System.err.println(result.failures().size() + " template images could not be fetched (first: "
                    + result.failures().entrySet().iterator().next() + "); run again, or pass --images-from with a mirror.");
        }
        return result.complete();
    }

    /** "Y'all Got Any More Of That" → "Yall-Got-Any-More-Of-That", as the dataset names its files. */
    static String fileName(String templateName) {
        return templateName.replaceAll("[^A-Za-z0-9 -]", "").trim().replaceAll("\\s+", "-");
    }

    /** "9,794" → 9794. */
    private static long count(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private String get(URI uri) throws IOException, InterruptedException {
        String body = getOrNull(uri);
        if (body == null) {
            throw new IOException(uri + " is not there (HTTP 404)");
        }
        return body;
    }

    /** The body, or null on 404; any other failure is an IOException. */
    private String getOrNull(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_FILE_BYTES) {
            throw new IOException(uri + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
