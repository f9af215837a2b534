package dev.memebattle.cli;

import dev.memebattle.config.AppHome;
import dev.memebattle.config.BotConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that builds the bot shares. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config.yml",
            description = "Configuration file (default: ${DEFAULT-VALUE}; missing = defaults).")
    Path configFile;

    @Option(names = "--images-dir", paramLabel = "DIR",
            description = "Local template images (KEY/default.*), instead of downloading them. Also MEMEBATTLE_IMAGES_DIR.")
    Path imagesDir;

    BotConfig load() {
        AppHome home = AppHome.ofRunningJar();
        BotConfig config = BotConfig.load(home.resolve(configFile.toString()), System.getenv())
                .withShippedFilesFrom(home);
        return imagesDir == null ? config : config.withImagesDir(imagesDir.toString());
    }
}
