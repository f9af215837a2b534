package dev.memebattle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader for our fake platform servers (what JDA and telegrambots send). */
public final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    /** One part; {@code filename} is null for plain fields. */
    public record Part(String name, String filename, String contentType, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {
    }

    public static boolean is(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * @return the parts by name, in order
     * @throws IllegalArgumentException when there is no boundary or the body is cut short
     */
    public static Map<String, Part> parse(byte[] body, String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart without boundary: " + contentType);
        }
        String boundary = m.group(1);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headersEndMark = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // closing delimiter
            }
            start += 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, headersEndMark, start);
            int next = headersEnd < 0 ? -1 : indexOf(body, nextDelimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new IllegalArgumentException("broken multipart body");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            String name = header(headers, "name=\"([^\"]*)\"");
            parts.put(name, new Part(name, header(headers, "filename=\"([^\"]*)\""),
                    header(headers, "(?i)content-type:\\s*([^\\r\\n]+)"),
                    Arrays.copyOfRange(body, headersEnd + 4, next)));
            pos = next + 2;
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
}
