package dev.memebattle.telegram;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Watches the long-polling getUpdates calls and says how they fare in a few lines: one WARN when
 * they start failing, a reminder at most every {@link #REMINDER} while they keep failing, one INFO
 * when they work again. (telegrambots logs every failed poll as an ERROR with a stack trace; its
 * logger is off, and it keeps its own back-off between polls.)
 */
final class PollHealth implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(PollHealth.class);
    static final Duration REMINDER = Duration.ofMinutes(5);

    private final BooleanSupplier stopping;
    private final LongSupplier nanoTime;
    private int failures;
    private long lastSaid;
    private String firstProblem;

    /** @param stopping true while the bot shuts polling down (the cancelled poll is no failure) */
    PollHealth(BooleanSupplier stopping, LongSupplier nanoTime) {
        this.stopping = stopping;
        this.nanoTime = nanoTime;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!chain.request().url().encodedPath().endsWith("/getUpdates")) {
            return chain.proceed(chain.request());
        }
        try {
            Response response = chain.proceed(chain.request());
            if (response.isSuccessful()) {
                recovered();
            } else {
                failed("HTTP " + response.code());
            }
            return response;
        } catch (IOException e) {
            if (!stopping.getAsBoolean()) {
                failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            throw e;
        }
    }

    private synchronized void failed(String problem) {
        failures++;
        long now = nanoTime.getAsLong();
        if (failures == 1) {
            firstProblem = problem;
            lastSaid = now;
            log.warn("Telegram: getUpdates failed ({}); retrying with back-off", problem);
        } else if (now - lastSaid >= REMINDER.toNanos()) {
            lastSaid = now;
            log.warn("Telegram: getUpdates still failing ({} failures, now: {})", failures, problem);
        }
    }

    private synchronized void recovered() {
        if (failures > 0) {
            log.info("Telegram: getUpdates works again after {} failure(s) (first: {})", failures, firstProblem);
            failures = 0;
        }
    }

    /** Failed polls since the last success. */
    synchronized int failures() {
        return failures;
    }
}
