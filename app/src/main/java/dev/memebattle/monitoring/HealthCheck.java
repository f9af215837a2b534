package dev.memebattle.monitoring;

import java.util.function.BooleanSupplier;

/**
 * One thing {@code /readyz} asks: "discord" (every shard connected), "database" (it answers),
 * "templates" (loaded). The check must not block long: {@link MonitoringServer} gives it a deadline.
 */
public record HealthCheck(String name, BooleanSupplier ok) {
}
