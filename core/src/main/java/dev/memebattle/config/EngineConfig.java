package dev.memebattle.config;

/**
 * @param workers               generation threads; 0 = one per core
 * @param queueCapacity         requests that may wait for a worker; beyond that callers are told "busy"
 * @param cacheMaxMb            memory bound of the render cache (by image bytes)
 * @param requestTimeoutSeconds a request that takes longer is answered with a timeout message
 */
public record EngineConfig(Integer workers, Integer queueCapacity, Integer cacheMaxMb, Integer requestTimeoutSeconds) {
    static final EngineConfig DEFAULTS = new EngineConfig(null, null, null, null);

    public EngineConfig {
        workers = workers == null || workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
        queueCapacity = queueCapacity == null ? 64 : Math.max(1, queueCapacity);
        cacheMaxMb = cacheMaxMb == null ? 64 : Math.max(0, cacheMaxMb);
        requestTimeoutSeconds = requestTimeoutSeconds == null ? 20 : Math.max(1, requestTimeoutSeconds);
    }
}
