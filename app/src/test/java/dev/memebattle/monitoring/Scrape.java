package dev.memebattle.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/** What an operator's tools see of the monitoring listener: a status and a body per path. */
public final class Scrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Answer(int status, String body) {
    }

    private Scrape() {
    }

    public static Answer get(int port, String path) {
        return send(port, path, "GET");
    }

    public static Answer send(int port, String path, String method) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of the sample {@code name} whose labels include all of {@code labels} ("k=\"v\"" each),
     * summed over the samples that match (several buckets or tags); empty when none does.
     */
    public static Optional<Double> value(String exposition, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String labelPart = line.contains("{") ? line.substring(line.indexOf('{'), line.indexOf('}') + 1) : "";
            if (Arrays.stream(labels).allMatch(labelPart::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }

    /** Asks {@code path} until the answer is {@code wanted}, as a probe does (30 s at most); the last answer. */
    public static Answer await(int port, String path, Predicate<Answer> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer = get(port, path);
        while (!wanted.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = get(port, path);
        }
        return answer;
    }

    /**
     * The scrape once the sample {@code name} (with {@code labels}) reaches {@code atLeast}, or the last
     * one after 20 s: meters are recorded after the answer the test waited for, on the bot's threads.
     */
    public static String metricsWhen(int port, double atLeast, String name, String... labels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Answer answer = get(port, "/metrics");
            if (answer.status() != 200) {
                throw new AssertionError("/metrics answered " + answer.status());
            }
            Optional<Double> value = value(answer.body(), name, labels);
            if (value.isPresent() && value.get() >= atLeast || System.nanoTime() > deadline) {
                return answer.body();
            }
            Thread.sleep(50);
        }
    }

    /** A port nobody listens on right now, for a listener the test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
