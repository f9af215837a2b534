package dev.memebattle.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the files shipped with the bot live ({@code templates/}, {@code models/}, {@code config.yml}):
 * relative paths mean the working directory when the file is there, else the folder the bot was
 * installed in, else the copy bundled inside the jar (unpacked once into a cache folder). So
 * {@code java -jar memebattle.jar} works from any directory, also when the jar was copied there
 * alone, while state and output ({@code data/}, {@code out/}, {@code cache/}) stay where the user
 * runs it.
 *
 * @param installDir the project folder ({@code target/}'s parent) or the jar's folder; empty when
 *                   not run from a jar (IDE, tests)
 * @param jar        the running jar, whose {@value #BUNDLED} entries are the bundled copies; empty when none
 * @param unpackDir  where bundled copies are unpacked (one folder per jar build)
 */
public record AppHome(Optional<Path> installDir, Optional<Path> jar, Path unpackDir) {

    /** Entries of the jar under this folder mirror the repository's {@code templates/} and {@code models/}. */
    public static final String BUNDLED = "bundled/";

    public AppHome(Optional<Path> installDir) {
        this(installDir, Optional.empty(), Path.of("cache", "bundled"));
    }

    /** The installation of the running jar. */
    public static AppHome ofRunningJar() {
        try {
            Path code = Path.of(AppHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(code)) {
                return new AppHome(Optional.empty());
            }
            Path dir = code.toAbsolutePath().getParent();
            boolean builtInProject = dir.getFileName() != null && dir.getFileName().toString().equals("target")
                    && dir.getParent() != null;
            // one folder per build of the jar: a new jar never reads an older jar's unpacked files
            String build = Long.toHexString(Files.size(code)) + "-" + Long.toHexString(Files.getLastModifiedTime(code).toMillis());
            Path unpack = Path.of(System.getProperty("user.home"), ".cache", "memebattle", "bundled-" + build);
            return new AppHome(Optional.of(builtInProject ? dir.getParent() : dir), Optional.of(code), unpack);
        } catch (URISyntaxException | IOException | SecurityException | IllegalArgumentException | NullPointerException e) {
            return new AppHome(Optional.empty()); // no code location: everything stays relative to the working directory
        }
    }

    /**
     * {@code configured} as given when absolute or present here, else the installed copy if there is
     * one, else the jar's bundled copy (unpacked on first use); else as given (its reader says it is missing).
     */
    public Path resolve(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        if (installDir.isPresent() && Files.exists(installDir.get().resolve(path))) {
            return installDir.get().resolve(path);
        }
        return jar.flatMap(j -> unpack(j, path)).orElse(path);
    }

    private Optional<Path> unpack(Path jarFile, Path relative) {
        String name = BUNDLED + relative.normalize().toString().replace('\\', '/');
        Path target = unpackDir.resolve(relative.normalize());
        if (Files.exists(target)) {
            return Optional.of(target);
        }
        try (ZipFile zip = new ZipFile(jarFile.toFile())) {
            boolean found = false;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !(e.getName().equals(name) || e.getName().startsWith(name + "/"))) {
                    continue;
                }
                Path out = unpackDir.resolve(e.getName().substring(BUNDLED.length())).normalize();
                if (!out.startsWith(unpackDir)) {
                    continue; // never outside the unpack folder
                }
                Files.createDirectories(out.getParent());
                Path tmp = Files.createTempFile(out.getParent(), ".unpack-", ".tmp");
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                // atomic: two processes unpacking at once each see whole files
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                found = true;
            }
            return found ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the bundled " + relative + " from " + jarFile + " into "
                    + unpackDir + ": " + e.getMessage(), e);
        }
    }
}
