package dev.memebattle.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Shipped files are found from any working directory; the working directory still wins. */
class AppHomeTest {

    @Test
    void aFileMissingHereIsTakenFromTheInstallation(@TempDir Path install) throws Exception {
        Files.createDirectories(install.resolve("models"));
        Files.writeString(install.resolve("models/only-installed.zip"), "x");
        Files.writeString(install.resolve("pom.xml"), "installed copy");
        AppHome home = new AppHome(Optional.of(install));

        assertThat(home.resolve("models/only-installed.zip")).isEqualTo(install.resolve("models/only-installed.zip"));
        // the tests run in the project folder, which has its own pom.xml: the working directory's copy wins
        assertThat(home.resolve("pom.xml")).isEqualTo(Path.of("pom.xml"));
        assertThat(home.resolve("nowhere/at-all.yml")).isEqualTo(Path.of("nowhere/at-all.yml"));
        Path absolute = install.resolve("absent.yml").toAbsolutePath();
        assertThat(home.resolve(absolute.toString())).isEqualTo(absolute);
        assertThat(new AppHome(Optional.empty()).resolve("models/only-installed.zip"))
                .isEqualTo(Path.of("models/only-installed.zip"));
    }

    @Test
    void configuredShippedFilesAreResolvedAndStateStaysHere(@TempDir Path install) throws Exception {
        Files.createDirectories(install.resolve("shipped-templates"));
        Files.createDirectories(install.resolve("models"));
        Files.writeString(install.resolve("models/m.zip"), "x");
        BotConfig config = BotConfig.load(Files.writeString(install.resolve("c.yml"), """
                templates:
                  definitions_dir: shipped-templates
                caption:
                  model: models/m.zip
                """), java.util.Map.of()).withShippedFilesFrom(new AppHome(Optional.of(install)));
        assertThat(config.templates().definitionsDir()).isEqualTo(install.resolve("shipped-templates").toString());
        assertThat(config.caption().model()).isEqualTo(install.resolve("models/m.zip").toString());
        assertThat(config.templates().cacheDir()).isEqualTo("cache/templates");
    }

    @Test
    void testsRunFromClassesNotFromAJar() {
        assertThat(AppHome.ofRunningJar().installDir()).isEmpty();
    }
}
