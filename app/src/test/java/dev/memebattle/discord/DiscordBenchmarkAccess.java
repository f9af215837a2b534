package dev.memebattle.discord;

/** For benchmarks in other packages: this process's resident memory. */
public final class DiscordBenchmarkAccess {
    private DiscordBenchmarkAccess() {
    }

    public static long rssMb() {
        return DiscordBenchmark.rssMb();
    }
}
