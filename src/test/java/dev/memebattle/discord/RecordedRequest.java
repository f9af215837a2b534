package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

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
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
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

    record Part(String name, String filename, String contentType, byte[] data) {
    }

    /** A minimal multipart/form-data reader: enough for what JDA sends. */
    Map<String, Part> parts() {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalStateException("no boundary in " + contentType);
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int next = indexOf(body, delimiter, headersEnd + 4);
            byte[] data = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2);
            String name = header(headers, "name=\"([^\"]*)\"");
            parts.put(name, new Part(name, header(headers, "filename=\"([^\"]*)\""),
                    header(headers, "(?i)content-type:\\s*([^\\r\\n]+)"), data));
            at = next;
        }
        return parts;
    }

    private static String header(String headers, String regex) {
        Matcher m = Pattern.compile(regex).matcher(headers);
        return m.find() ? m.group(1).strip() : null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
