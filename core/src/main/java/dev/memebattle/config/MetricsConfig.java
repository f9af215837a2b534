package dev.memebattle.config;

/**
 * The operator's listener: Prometheus metrics on {@code /metrics}, {@code /healthz} and
 * {@code /readyz}. Off unless a port is given; local only unless a bind address opens it (a
 * container binds 0.0.0.0 so that Prometheus and the orchestrator reach it).
 *
 * @param port 0 = off; 1–65535 = listen there
 * @param bind the address to listen on
 */
public record MetricsConfig(Integer port, String bind) {
    static final MetricsConfig DEFAULTS = new MetricsConfig(null, null);

    public MetricsConfig {
        port = port == null ? 0 : port;
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind.strip();
        if (port < 0 || port > 65535) {
            throw new ConfigException("metrics.port must be 0 (off) or 1 to 65535, not " + port);
        }
    }

    public boolean enabled() {
        return port > 0;
    }
}
