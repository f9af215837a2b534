package dev.memebattle;

import dev.memebattle.config.BotConfig;
import dev.memebattle.config.StoreConfig;

import dev.memebattle.render.FixtureImages;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the third-party data (../shared/data, never copied into the repo). */
public final class TestData {

    private TestData() {
    }

    /**
     * Why a test was skipped: the one line a newcomer reads. {@code .ci/run} fails when any test was
     * skipped with it, so CI always runs them all.
     */
    public static final String NEEDS_SHARED_DATA = "Skipped: needs the imgflip caption corpus and template images"
            + " in ../shared/data (see README, 'Data'; CI has it)";

    private static Path sharedDir() {
        return Path.of(System.getProperty("memebattle.shared.data", "../shared/data"));
    }

    /** The shared data folder; a test that truly needs it is skipped where it is missing. */
    public static Path sharedData() {
        Path dir = sharedDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), NEEDS_SHARED_DATA);
        return dir;
    }

    /**
     * Template images as {@code KEY/FILE}: the real ones from ../shared/data, or, without it, pictures
     * the tests make themselves ({@link FixtureImages}) in each template's format.
     */
    public static Path templateImages() {
        Path shared = sharedDir().resolve("templates");
        return Files.isDirectory(shared) ? shared : FixtureImages.dir();
    }

    /** Every BotComponents in a test gets its own empty database, so no state leaks between tests or runs. */
    static Path freshDatabaseFile() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("memebattle-test-db");
            dir.toFile().deleteOnExit();
            return dir.resolve("memebattle.db");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a temp folder for the test database", e);
        }
    }

    /** The shipped defaults, with template images read from ../shared/data. */
    public static BotConfig config() {
        return BotConfig.defaults().withImagesDir(templateImages().toString())
                .withStore(StoreConfig.of("jdbc:sqlite:" + freshDatabaseFile()));
    }
}
