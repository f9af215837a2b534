package dev.memebattle;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.TreeMap;

/**
 * Prints one line per reason tests were skipped for something this machine lacks (the shared data,
 * fonts), at the end of each module's run: Maven itself only counts skips. Registered through
 * {@code META-INF/services}, so every module that uses the core's test classes gets it.
 */
public final class SkipSummary implements TestExecutionListener {

    private static final String PREFIX = "Skipped: ";
    private final Map<String, Integer> reasons = new TreeMap<>();

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
            result.getThrowable().map(Throwable::getMessage).filter(m -> m.contains(PREFIX))
                    .ifPresent(m -> reasons.merge(m.substring(m.indexOf(PREFIX) + PREFIX.length()), 1, Integer::sum));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        reasons.forEach((reason, count) -> System.out.printf("[SKIPPED] %d test%s: %s%n", count, count == 1 ? "" : "s", reason));
        reasons.clear();
    }
}
