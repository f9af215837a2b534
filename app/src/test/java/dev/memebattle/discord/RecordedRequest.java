package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.MultipartForm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One REST request the fake Discord received, as sent by JDA.
 *
 * @param atNanos {@link System#nanoTime()} when it arrived
 * @param path    without the {@code /api/v10} prefix, e.g. {@code /interactions/1/tok/callback}
 * @param status   what the fake answered
 * @param response the body the fake answered with (null when none)
 */
record RecordedRequest(long atNanos, String method, String path, String query, String contentType, byte[] body,
                       int status, String response) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The {@code id} of the JSON object the fake answered with (a created or edited message). */
    String responseId() {
        try {
            return response == null ? null : JSON.readTree(response).path("id").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean multipart() {
        return MultipartForm.is(contentType);
    }

    /** The JSON body, or the {@code payload_json} part of a multipart body. */
    JsonNode json() {
        try {
            byte[] json = multipart() ? parts().get("payload_json").data() : body;
            return JSON.readTree(json == null || json.length == 0 ? "null".getBytes() : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path segment {@code index} (0-based, after the leading slash). */
    String segment(int index) {
        return path.substring(1).split("/")[index];
    }

    Map<String, MultipartForm.Part> parts() {
        return MultipartForm.parse(body, contentType);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
