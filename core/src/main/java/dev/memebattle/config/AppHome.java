package dev.memebattle.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the files shipped with the bot live ({@code templates/}, {@code models/}, {@code config.yml}):
 * relative paths mean the working directory when the file is there, else the folder the bot was
 * installed in. So {@code java -jar ~/memebattle/target/memebattle.jar} works from any directory,
 * while state and output ({@code data/}, {@code out/}, {@code cache/}) stay where the user runs it.
 *
 * @param installDir the project folder ({@code target/}'s parent) or the jar's folder; empty when
 *                   not run from a jar (IDE, tests)
 */
public record AppHome(Optional<Path> installDir) {

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
            return new AppHome(Optional.of(builtInProject ? dir.getParent() : dir));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException e) {
            return new AppHome(Optional.empty()); // no code location: everything stays relative to the working directory
        }
    }

    /** {@code configured} as given when absolute or present here, else the installed copy if there is one. */
    public Path resolve(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute() || Files.exists(path) || installDir.isEmpty()) {
            return path;
        }
        Path installed = installDir.get().resolve(path);
        return Files.exists(installed) ? installed : path;
    }
}
