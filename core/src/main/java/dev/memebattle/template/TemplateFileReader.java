package dev.memebattle.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates one {@code templates/KEY.yml}. Every problem names the file and the field path
 * ({@code boxes[1].color}), so a broken file is fixed from the message alone.
 */
final class TemplateFileReader {

    /** A validated file: the shared record plus what only the catalog needs for ranking. */
    record Definition(MemeTemplate template, List<String> keywords, int popularity, String fileName) {
    }

    // Jackson binding targets, mirroring the YAML schema. Boxed types: null means "not given".
    record TemplateFile(
            String key, String name, List<String> aliases, List<String> keywords,
            @JsonProperty("imgflip_id") String imgflipId,
            @JsonProperty("ai_capable") Boolean aiCapable,
            @JsonProperty("ai_box_counts") List<Integer> aiBoxCounts,
            Integer popularity, String source, ImageFile image, List<BoxFile> boxes, List<String> example) {
    }

    record ImageFile(String file, String url, String sha256) {
    }

    record BoxFile(Double x, Double y, Double width, Double height, Double angle,
                   String style, String color, String font, String align, Double start, Double stop) {
    }

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern IMAGE_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\.(jpg|jpeg|png|gif)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern IMGFLIP_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern HEX_COLOR = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");
    /** Rounding slack for boxes that end exactly on the image edge. */
    private static final double EDGE_TOLERANCE = 1e-6;
    private static final int MAX_BOXES = 20;
    private static final int MAX_NAME_LENGTH = 200;

    private final ObjectReader reader;

    TemplateFileReader() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        // A quoted "0.5" or "true" is almost always a mistake in a hand-edited file; say so.
        for (LogicalType type : List.of(LogicalType.Float, LogicalType.Integer, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.reader = mapper.readerFor(TemplateFile.class);
    }

    /**
     * Parses and validates {@code file}; the file name (without .yml) must equal its key.
     *
     * @throws TemplateDefinitionException listing every problem found in this file
     */
    Definition read(Path file) throws TemplateDefinitionException {
        String fileName = file.getFileName().toString();
        TemplateFile raw;
        try {
            String text = Files.readString(file);
            if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                throw new TemplateDefinitionException(fileName + ": file is empty");
            }
            raw = reader.readValue(text);
        } catch (JacksonException e) {
            throw new TemplateDefinitionException(fileName + ": " + describe(e));
        } catch (CharacterCodingException e) {
            throw new TemplateDefinitionException(fileName + ": cannot read file: not UTF-8 text");
        } catch (IOException e) {
            throw new TemplateDefinitionException(fileName + ": cannot read file (" + e.getMessage() + ")");
        }
        if (raw == null) {
            throw new TemplateDefinitionException(fileName + ": file is empty");
        }
        Problems problems = new Problems(fileName);
        Definition definition = validate(raw, fileName, problems);
        problems.throwIfAny();
        return definition;
    }

    private Definition validate(TemplateFile raw, String fileName, Problems problems) {
        String stem = fileName.replaceFirst("\\.ya?ml$", "");
        String key = raw.key();
        if (key == null) {
            problems.add("key", "missing");
        } else if (!KEY.matcher(key).matches()) {
            problems.add("key", "'" + key + "' must be lowercase letters, digits and '-' (at most 64)");
        } else if (!key.equals(stem)) {
            problems.add("key", "'" + key + "' does not match the file name '" + fileName + "'");
        }

        String name = raw.name() == null ? null : raw.name().strip();
        if (name == null) {
            problems.add("name", "missing");
        } else if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || TemplateNames.fold(name).isEmpty()) {
            problems.add("name", "must have letters or digits and at most " + MAX_NAME_LENGTH + " characters");
        }
        List<String> aliases = names("aliases", raw.aliases(), problems);
        List<String> keywords = names("keywords", raw.keywords(), problems);

        String imgflipId = raw.imgflipId();
        if (imgflipId != null && !IMGFLIP_ID.matcher(imgflipId).matches()) {
            problems.add("imgflip_id", "expected digits, got '" + imgflipId + "'");
        }
        int popularity = raw.popularity() == null ? 0 : raw.popularity();
        if (popularity < 0) {
            problems.add("popularity", "must be 0 or more");
        }

        String imageFile = null;
        URI url = null;
        String sha256 = null;
        ImageFile image = raw.image();
        if (image == null) {
            problems.add("image", "missing");
        } else {
            imageFile = image.file();
            if (imageFile == null) {
                problems.add("image.file", "missing");
            } else if (!IMAGE_FILE.matcher(imageFile).matches()) {
                problems.add("image.file", "'" + imageFile + "' must be a plain file name ending in .jpg, .png or .gif");
            }
            url = url(image.url(), problems);
            sha256 = image.sha256();
            if (sha256 == null) {
                problems.add("image.sha256", "missing");
            } else if (!SHA256.matcher(sha256).matches()) {
                problems.add("image.sha256", "expected 64 hex digits");
            } else {
                sha256 = sha256.toLowerCase(Locale.ROOT);
            }
        }

        List<TextBox> boxes = new ArrayList<>();
        if (raw.boxes() == null) {
            problems.add("boxes", "missing");
        } else if (raw.boxes().isEmpty()) {
            problems.add("boxes", "a template needs at least one text box");
        } else if (raw.boxes().size() > MAX_BOXES) {
            problems.add("boxes", "at most " + MAX_BOXES + " boxes");
        } else {
            for (int i = 0; i < raw.boxes().size(); i++) {
                TextBox box = box(raw.boxes().get(i), "boxes[" + i + "]", problems);
                if (box != null) {
                    boxes.add(box);
                }
            }
        }

        List<String> example = new ArrayList<>();
        if (raw.example() != null) {
            // An empty line in a YAML list ("- ") is null: the box is meant to stay empty.
            raw.example().forEach(line -> example.add(line == null ? "" : line));
        }
        if (raw.boxes() != null && !example.isEmpty() && example.size() != raw.boxes().size()) {
            problems.add("example", "has " + example.size() + " line(s) for " + raw.boxes().size()
                    + " box(es); give one line per box ('' for an empty box)");
        }
        if (example.isEmpty()) {
            example.addAll(Collections.nCopies(boxes.size(), ""));
        }

        List<Integer> aiBoxCounts = aiBoxCounts(raw.aiBoxCounts(), raw.boxes() == null ? 0 : raw.boxes().size(),
                problems);

        if (!problems.isEmpty()) {
            return null;
        }
        MemeTemplate template = new MemeTemplate(key, name, aliases, imgflipId, boxes, example,
                imageFile, url, sha256, Boolean.TRUE.equals(raw.aiCapable()), aiBoxCounts);
        return new Definition(template, keywords, popularity, fileName);
    }

    /** Null (field absent) means the default, every box filled; otherwise distinct counts of 1..boxes. */
    private static List<Integer> aiBoxCounts(List<Integer> raw, int boxes, Problems problems) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty()) {
            problems.add("ai_box_counts", "must list at least one box count (leave the field out for "
                    + "the default, all boxes)");
            return null;
        }
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Integer n = raw.get(i);
            String path = "ai_box_counts[" + i + "]";
            if (n == null) {
                problems.add(path, "expected a whole number");
            } else if (n < 1 || (boxes > 0 && n > boxes)) {
                problems.add(path, n + " is outside 1.." + Math.max(boxes, 1) + " (the template has " + boxes
                        + " box" + (boxes == 1 ? "" : "es") + ")");
            } else if (seen.contains(n)) {
                problems.add(path, n + " is listed twice");
            } else {
                seen.add(n);
            }
        }
        return seen;
    }

    private static List<String> names(String field, List<String> values, Problems problems) {
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip();
            if (value.length() > MAX_NAME_LENGTH || TemplateNames.fold(value).isEmpty()) {
                problems.add(field + "[" + i + "]", "must have letters or digits and at most "
                        + MAX_NAME_LENGTH + " characters");
            } else {
                result.add(value);
            }
        }
        return result;
    }

    private static URI url(String text, Problems problems) {
        if (text == null) {
            problems.add("image.url", "missing");
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add("image.url", "expected an absolute http(s) URL, got '" + text + "'");
        return null;
    }

    private static TextBox box(BoxFile raw, String path, Problems problems) {
        if (raw == null) {
            problems.add(path, "empty box");
            return null;
        }
        int before = problems.size();
        double x = fraction(raw.x(), path + ".x", true, problems);
        double y = fraction(raw.y(), path + ".y", true, problems);
        double width = fraction(raw.width(), path + ".width", false, problems);
        double height = fraction(raw.height(), path + ".height", false, problems);
        if (problems.size() == before) {
            if (x + width > 1 + EDGE_TOLERANCE) {
                problems.add(path, "x + width = " + (x + width) + " runs past the right edge (max 1.0)");
            }
            if (y + height > 1 + EDGE_TOLERANCE) {
                problems.add(path, "y + height = " + (y + height) + " runs past the bottom edge (max 1.0)");
            }
        }
        double angle = raw.angle() == null ? 0.0 : raw.angle();
        if (!Double.isFinite(angle) || Math.abs(angle) > 360) {
            problems.add(path + ".angle", "expected degrees between -360 and 360");
        }
        TextStyle style = choice(TextStyle.class, raw.style(), TextStyle.UPPER, path + ".style", problems);
        FontFace font = choice(FontFace.class, raw.font(), FontFace.THICK, path + ".font", problems);
        TextAlign align = choice(TextAlign.class, raw.align(), TextAlign.CENTER, path + ".align", problems);
        String color = color(raw.color(), path + ".color", problems);
        double start = raw.start() == null ? 0.0 : raw.start();
        double stop = raw.stop() == null ? 1.0 : raw.stop();
        if (!(start >= 0 && start < stop && stop <= 1)) {
            problems.add(path, "start/stop must satisfy 0 <= start < stop <= 1, got " + start + "/" + stop);
        }
        return new TextBox(x, y, width, height, angle, style, color, font, align, start, stop);
    }

    private static double fraction(Double value, String path, boolean zeroAllowed, Problems problems) {
        if (value == null) {
            problems.add(path, "missing");
            return 0;
        }
        if (!Double.isFinite(value) || value < 0 || value > 1 || (!zeroAllowed && value == 0)) {
            problems.add(path, value + " is outside " + (zeroAllowed ? "0..1" : "(0, 1]")
                    + " (geometry is a fraction of the image size)");
        }
        return value;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, E fallback, String path,
                                                Problems problems) {
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        problems.add(path, "expected one of " + lowercaseNames(type.getEnumConstants()) + ", got '" + value + "'");
        return fallback;
    }

    private static String lowercaseNames(Enum<?>[] constants) {
        return Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** Colours are stored as #rrggbb so renderers never parse CSS names. */
    private static String color(String value, String path, Problems problems) {
        if (value == null) {
            return "#ffffff";
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (!HEX_COLOR.matcher(text).matches()) {
            problems.add(path, "expected #rrggbb, got '" + value + "'");
            return "#ffffff";
        }
        if (text.length() == 4) {
            StringBuilder expanded = new StringBuilder("#");
            for (int i = 1; i < 4; i++) {
                expanded.append(text.charAt(i)).append(text.charAt(i));
            }
            return expanded.toString();
        }
        return text;
    }

    /** A short, file-relative description of a Jackson failure: field path, what was wrong, line. */
    private static String describe(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException syntax) {
                return yamlProblem(syntax); // databind wraps YAML syntax errors; the syntax is what to fix
            }
        }
        String where = "";
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where = " (line " + location.getLineNr() + ")";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return path(unknown) + ": unknown field; expected one of "
                    + known(unknown.getKnownPropertyIds()) + where;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + ": expected " + expected(mapping) + where;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() == TemplateFile.class) {
            return "expected a mapping of template fields at the top level" + where;
        }
        return "invalid template: " + oneLine(e.getOriginalMessage()) + where;
    }

    /** SnakeYAML's multi-line report without the source excerpts: "while parsing ...; expected ...". */
    private static String yamlProblem(StreamReadException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        Matcher lineMark = Pattern.compile("line (\\d+)").matcher(message);
        String line = null;
        while (lineMark.find()) {
            line = lineMark.group(1);
        }
        if (line == null && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            line = String.valueOf(e.getLocation().getLineNr());
        }
        return "invalid YAML: " + oneLine(problem) + (line == null ? "" : " (line " + line + ")");
    }

    private static String oneLine(String message) {
        String text = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch
                ? mismatch.getTargetType() : null;
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** Problems in one file, each rendered as "file: field: what". */
    private static final class Problems {
        private final String fileName;
        private final List<String> lines = new ArrayList<>();

        Problems(String fileName) {
            this.fileName = fileName;
        }

        void add(String field, String what) {
            lines.add(fileName + ": " + field + ": " + what);
        }

        int size() {
            return lines.size();
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }

        void throwIfAny() throws TemplateDefinitionException {
            if (!lines.isEmpty()) {
                throw new TemplateDefinitionException(lines);
            }
        }
    }
}
