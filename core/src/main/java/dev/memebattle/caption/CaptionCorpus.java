package dev.memebattle.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads captions in the shared corpus format (one JSON object per line, optionally gzipped). */
public final class CaptionCorpus {
    /** Share of captions (by text hash, per mille) that go to the validation split. */
    static final int VALIDATION_PER_MILLE = 20;

    private CaptionCorpus() {
    }

    public static List<CorpusCaption> read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /** Reads at most {@code limit} captions. Lines that are not captions are skipped. */
    public static List<CorpusCaption> read(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "caption file not found");
        }
        ObjectMapper json = new ObjectMapper();
        List<CorpusCaption> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && out.size() < limit) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                JsonNode boxes = n.get("boxes");
                if (boxes == null || !boxes.isArray() || boxes.isEmpty()) {
                    continue;
                }
                List<String> texts = new ArrayList<>();
                boxes.forEach(b -> texts.add(b.isNull() ? "" : b.asText()));
                out.add(new CorpusCaption(text(n, "template"), text(n, "imgflip_id"), text(n, "memegen"),
                        n.path("views").asLong(0), n.path("votes").asLong(0), texts));
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Deterministic split by the hash of the normalised text, so equal texts always land on the same side. */
    public static boolean isValidation(CorpusCaption c) {
        long h = CaptionText.stableHash(c.modelText());
        return Math.floorMod(h, 1000) < VALIDATION_PER_MILLE;
    }

    public static List<CorpusCaption> split(List<CorpusCaption> all, DataSplit split) {
        List<CorpusCaption> out = new ArrayList<>();
        for (CorpusCaption c : all) {
            boolean val = isValidation(c);
            if (split == DataSplit.ALL || (split == DataSplit.VALIDATION) == val) {
                out.add(c);
            }
        }
        return out;
    }
}
