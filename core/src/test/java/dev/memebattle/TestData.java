package dev.memebattle;

import dev.memebattle.config.BotConfig;
import dev.memebattle.config.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the third-party data (../shared/data, never copied into the repo). */
public final class TestData {

    private TestData() {
    }

    public static Path sharedData() {
        Path dir = Path.of(System.getProperty("memebattle.shared.data", "../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Shared data not found at " + dir.toAbsolutePath()
                    + " — the tests need ../shared/data beside the project");
        }
        return dir;
    }

    public static Path templateImages() {
        return sharedData().resolve("templates");
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
