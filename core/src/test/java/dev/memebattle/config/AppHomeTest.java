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
    void aJarCopiedAloneUnpacksItsBundledCopiesOnce(@TempDir Path dir) throws Exception {
        // (the tests run in the repository, which has templates/ and models/: bundled names here are made up)
        Path jar = dir.resolve("memebattle.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[]{"bundled/only-bundled/doge.yml", "bundled/only-bundled/sub/x.yml",
                    "bundled/only-bundled-model.zip", "dev/memebattle/Some.class"}) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path unpack = dir.resolve("unpacked");
        AppHome home = new AppHome(Optional.of(dir.resolve("empty-install")), Optional.of(jar), unpack);

        Path folder = home.resolve("only-bundled");
        assertThat(folder).isEqualTo(unpack.resolve("only-bundled"));
        assertThat(Files.readString(folder.resolve("sub/x.yml"))).isEqualTo("bundled/only-bundled/sub/x.yml");
        assertThat(home.resolve("only-bundled-model.zip")).isRegularFile();
        // once unpacked, it is not unpacked again (a changed file stays as it is until the jar changes)
        Files.writeString(folder.resolve("doge.yml"), "edited");
        assertThat(Files.readString(home.resolve("only-bundled").resolve("doge.yml"))).isEqualTo("edited");
        // what the jar does not bundle stays as configured, for its reader to report
        assertThat(home.resolve("nowhere.yml")).isEqualTo(Path.of("nowhere.yml"));
        // the working directory still wins over the bundle
        assertThat(home.resolve("pom.xml")).isEqualTo(Path.of("pom.xml"));
    }

    @Test
    void testsRunFromClassesNotFromAJar() {
        assertThat(AppHome.ofRunningJar().installDir()).isEmpty();
    }
}
