package dev.memebattle.engine;

/** Counters for monitoring and benchmarks. */
public record EngineStats(long cacheHits, long cacheMisses, long cachedEntries, long cachedBytes,
                          long completed, long rejectedBusy, long failed, long timedOut, int queued) {
}
