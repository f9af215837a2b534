package dev.memebattle.cli;

/** For benchmarks in other packages: the memory settings `run` applies. */
public final class MemoryTuningAccess {
    private MemoryTuningAccess() {
    }

    public static void apply() {
        MemoryTuning.apply();
    }
}
