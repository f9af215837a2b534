package dev.memebattle.cli;

import dev.memebattle.engine.Meme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Writes memes made locally (console, generate) to files. */
final class MemeFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private MemeFiles() {
    }

    /** A fresh file name in {@code dir}: time, template and seed, so rerolls never overwrite each other. */
    static Path save(Meme meme, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = STAMP.format(LocalDateTime.now()) + "-" + meme.template().key() + "-"
                + Long.toHexString(meme.seed()) + "." + meme.image().fileExtension();
        return write(meme, dir.resolve(name));
    }

    static Path write(Meme meme, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, meme.image().bytes());
        return file;
    }
}
