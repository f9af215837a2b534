package dev.memebattle.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one invocation, by name: built by Discord from typed options and by the text
 * faces from a command's grammar ({@link ChatCommand#parse}). Values stay as given; the accessors
 * read them as their declared types, so a handler never splits strings.
 *
 * @param path   the subcommand (and group) chosen, e.g. {@code [templates, deny]}; empty for none
 * @param values     option name → value as the user gave it (absent = not given)
 * @param unexpected words of the text form that no option takes ("" for none): refused with the
 *                   usage, never ignored
 * @param pictures   picture option → the picture's bytes, as the platform's own file service gave them
 *                   (the adapter fetched and size-checked them; nobody has decoded them yet)
 */
public record CommandInput(List<String> path, Map<String, String> values, String unexpected,
                           Map<String, byte[]> pictures) {

    public static final CommandInput EMPTY = new CommandInput(List.of(), Map.of());

    public CommandInput {
        path = List.copyOf(path);
        values = Map.copyOf(values);
        unexpected = unexpected == null ? "" : unexpected.strip();
        pictures = Map.copyOf(pictures);
    }

    public CommandInput(List<String> path, Map<String, String> values, String unexpected) {
        this(path, values, unexpected, Map.of());
    }

    public CommandInput(List<String> path, Map<String, String> values) {
        this(path, values, "");
    }

    public static CommandInput of(List<String> path, Map<String, String> values) {
        return of(path, values, "");
    }

    /** Blank values count as not given. */
    public static CommandInput of(List<String> path, Map<String, String> values, String unexpected) {
        Map<String, String> given = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                given.put(k, v.strip());
            }
        });
        return new CommandInput(path, given, unexpected);
    }

    /** The first level of the path ("" for none): {@code start} of {@code /battle start}. */
    public String action() {
        return path.isEmpty() ? "" : path.get(0);
    }

    /** A text option, cleaned for chat; "" when not given. */
    public String text(String name) {
        return ChatText.clean(values.getOrDefault(name, ""));
    }

    /** An integer option; empty when not given, and when what was given is not a whole number. */
    public Optional<Integer> integer(String name) {
        String v = values.get(name);
        return v != null && v.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(v)) : Optional.empty();
    }

    /** Given but not a whole number. */
    public boolean notInteger(String name) {
        return values.containsKey(name) && integer(name).isEmpty();
    }

    /** A choice, lower-cased; "" when not given. */
    public String choice(String name) {
        return values.getOrDefault(name, "").toLowerCase(Locale.ROOT);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The same input with one value replaced (paging: the same list, another page). */
    public CommandInput with(String name, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(name, value);
        return new CommandInput(path, changed, unexpected, pictures);
    }

    /** The same input with a picture for the option {@code name}. */
    public CommandInput withPicture(String name, byte[] bytes) {
        Map<String, byte[]> changed = new HashMap<>(pictures);
        changed.put(name, bytes);
        return new CommandInput(path, values, unexpected, changed);
    }

    /** A picture option's bytes; empty when none was sent. */
    public Optional<byte[]> picture(String name) {
        return Optional.ofNullable(pictures.get(name));
    }

    /** The picture option the chosen subcommand declares, if it has one (where a sent picture goes). */
    public static Optional<CommandSpec.Param> pictureParam(CommandSpec spec, List<String> path) {
        return spec.paramsAt(path).stream().filter(p -> p.type() == CommandSpec.ParamType.PICTURE).findFirst();
    }
}
