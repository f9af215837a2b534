package dev.memebattle.caption;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads caption model zips without DL4J: our {@value #META_ENTRY} metadata, the raw-float weights the
 * bot samples from, and the reranker. The DL4J graph inside (for resuming training) is read and
 * written by the training module's {@code CaptionGraphFile}.
 */
public final class CaptionModelFile {
    public static final String META_ENTRY = "memebattle-caption.json";
    /** The same weights as raw floats for {@link FastCaptionModel}: the bot loads these without starting ND4J. */
    public static final String FAST_WEIGHTS_ENTRY = "memebattle-caption-weights.bin";
    /** Word statistics of the training captions ({@link CorpusWords}), added by {@code train --reranker}. */
    public static final String WORDS_ENTRY = "memebattle-caption-words.bin";
    /** The reranker's classifier ({@link RerankerWeights}), added by {@code train --reranker}. */
    public static final String RERANKER_ENTRY = "memebattle-caption-reranker.json";
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CaptionModelFile() {
    }

    static void copyEntries(ZipFile in, ZipOutputStream out, Predicate<String> keep) throws IOException {
        Enumeration<? extends ZipEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (keep.test(e.getName())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    public static CaptionModelMeta readMeta(Path file) {
        checkReadable(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(META_ENTRY);
            if (e == null) {
                throw new CaptionModelException("Caption model " + file + " is not a MemeBattle caption model (no "
                        + META_ENTRY + " inside).");
            }
            try (InputStream is = zip.getInputStream(e)) {
                CaptionModelMeta meta = JSON.readValue(is, CaptionModelMeta.class);
                if (meta.format() != CaptionModelMeta.FORMAT || meta.config() == null) {
                    throw new CaptionModelException("Caption model " + file + " has unsupported format "
                            + meta.format() + " (expected " + CaptionModelMeta.FORMAT + ").");
                }
                return meta;
            }
        } catch (IOException e) {
            throw new CaptionModelException("Caption model " + file + " is corrupt or not a zip file: " + e.getMessage(), e);
        }
    }

    /**
     * The generation model and its metadata, from the raw-float entry (fast, no ND4J); with its reranker when the file has one (empty for a model fresh from {@code train}).
     */
    public record Fast(FastCaptionModel model, CaptionModelMeta meta, Optional<CaptionReranker> reranker) {
    }

    public static Fast loadFast(Path file) {
        return loadFast(file, true);
    }

    /** @param withReranker false when only the network is wanted (training a new reranker for it) */
    public static Fast loadFast(Path file, boolean withReranker) {
        CaptionModelMeta meta = readMeta(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Optional<CaptionReranker> reranker = withReranker ? readReranker(zip) : Optional.empty();
            ZipEntry e = zip.getEntry(FAST_WEIGHTS_ENTRY);
            if (e == null) {
                throw new CaptionModelException("Caption model " + file + " has no " + FAST_WEIGHTS_ENTRY
                        + " entry (it was written by an old trainer): save it again with the training jar.");
            }
            try (InputStream is = zip.getInputStream(e)) {
                return new Fast(FastCaptionModel.readWeights(is, meta.config()), meta, reranker);
            }
        } catch (IOException e) {
            throw new CaptionModelException("Caption model " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static Optional<CaptionReranker> readReranker(ZipFile zip) throws IOException {
        ZipEntry words = zip.getEntry(WORDS_ENTRY);
        ZipEntry weights = zip.getEntry(RERANKER_ENTRY);
        if (words == null || weights == null) {
            return Optional.empty();
        }
        try (InputStream w = zip.getInputStream(words); InputStream r = zip.getInputStream(weights)) {
            return Optional.of(new CaptionReranker(CorpusWords.read(w), JSON.readValue(r, RerankerWeights.class)));
        }
    }

    /** Adds (or replaces) the reranker entries of a model file, atomically; every other entry is kept. */
    public static void writeReranker(Path file, CaptionReranker reranker) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".model-", ".zip");
        try {
            try (ZipFile in = new ZipFile(file.toFile());
                 OutputStream os = Files.newOutputStream(tmp);
                 ZipOutputStream out = new ZipOutputStream(os)) {
                copyEntries(in, out, name -> !name.equals(WORDS_ENTRY) && !name.equals(RERANKER_ENTRY));
                out.putNextEntry(new ZipEntry(WORDS_ENTRY));
                reranker.words().write(out);
                out.closeEntry();
                out.putNextEntry(new ZipEntry(RERANKER_ENTRY));
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reranker.weights()));
                out.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkReadable(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new CaptionModelException("Caption model file not found: " + file
                    + " (the bot's jar ships one; or set caption.model in config.yml; the training jar trains new ones).");
        }
        if (!Files.isReadable(file)) {
            throw new CaptionModelException("Caption model file is not readable: " + file);
        }
    }
}
