package dev.memebattle.config;

/** @param outDir where the console and {@code generate} write memes */
public record ConsoleConfig(String outDir) {
    static final ConsoleConfig DEFAULTS = new ConsoleConfig(null);

    public ConsoleConfig {
        outDir = outDir == null || outDir.isBlank() ? "out" : outDir;
    }
}
