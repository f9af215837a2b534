package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The DL4J side of a caption model zip: the graph (with Adam's state in checkpoints) that training
 * resumes from, written together with the metadata and the raw-float weights the bot reads
 * ({@link CaptionModelFile}).
 */
public final class CaptionGraphFile {

    /** A loaded model: the DL4J graph and its metadata. */
    public record Loaded(ComputationGraph graph, CaptionModelMeta meta) {
    }

    private CaptionGraphFile() {
    }

    /** Writes atomically (temp file, then move), so an interrupted save never leaves a broken file. */
    public static void save(ComputationGraph graph, CaptionModelMeta meta, Path file, boolean withUpdater)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path dl4j = Files.createTempFile(dir, ".dl4j-", ".zip");
        Path tmp = Files.createTempFile(dir, ".model-", ".zip");
        try {
            ModelSerializer.writeModel(graph, dl4j.toFile(), withUpdater);
            try (ZipFile in = new ZipFile(dl4j.toFile());
                 OutputStream os = Files.newOutputStream(tmp);
                 ZipOutputStream out = new ZipOutputStream(os)) {
                CaptionModelFile.copyEntries(in, out, name -> true);
                out.putNextEntry(new ZipEntry(CaptionModelFile.META_ENTRY));
                out.write(CaptionModelFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                out.closeEntry();
                out.putNextEntry(new ZipEntry(CaptionModelFile.FAST_WEIGHTS_ENTRY));
                GraphWeights.of(graph, meta.config()).writeWeights(out);
                out.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(dl4j);
            Files.deleteIfExists(tmp);
        }
    }

    public static Loaded load(Path file, boolean withUpdater) {
        CaptionModelMeta meta = CaptionModelFile.readMeta(file);
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
            if (withUpdater && !hasEntry(file, ModelSerializer.UPDATER_BIN)) {
                // A shipped model carries no Adam moments, so they restart at zero. Adam's bias correction
                // only rescales fresh moments if the step count restarts too; otherwise the first steps
                // move every weight by about 3x the learning rate.
                graph.getConfiguration().setIterationCount(0);
            }
            return new Loaded(graph, meta);
        } catch (IOException | RuntimeException e) {
            throw new CaptionModelException("Caption model " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean hasEntry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(name) != null;
        }
    }

}
