package dev.memebattle.cli;

import dev.memebattle.config.AppHome;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ConfigException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options every command that builds the bot shares. */
public final class ConfigOptions {

    /** Without --config: config.yml here or beside the jar, else the defaults. */
    static final String DEFAULT_CONFIG = "config.yml";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config.yml here or beside the jar; none = the defaults).")
    Path configFile;

    @Option(names = "--images-dir", paramLabel = "DIR",
            description = "Local template images (KEY/default.*), instead of downloading them. Also MEMEBATTLE_IMAGES_DIR.")
    Path imagesDir;

    BotConfig load() {
        AppHome home = AppHome.ofRunningJar();
        // a file asked for by name must exist: silently running on the defaults hides the typo
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("--config " + configFile + ": no such file (leave --config out to use "
                    + DEFAULT_CONFIG + " or the defaults).");
        }
        if (imagesDir != null && !Files.isDirectory(imagesDir)) {
            throw new ConfigException("--images-dir " + imagesDir + ": not a folder (it holds KEY/default.* images; "
                    + "leave it out to download them).");
        }
        Path file = configFile != null ? configFile : home.resolve(DEFAULT_CONFIG);
        BotConfig config = BotConfig.load(file, System.getenv()).withShippedFilesFrom(home);
        return imagesDir == null ? config : config.withImagesDir(imagesDir.toString());
    }
}
