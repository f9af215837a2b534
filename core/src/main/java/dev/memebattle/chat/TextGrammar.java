package dev.memebattle.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of a declared command: subcommand words first ({@code templates deny}), then the
 * options in their declared order, one word each, the last option taking the rest of the line.
 * An unknown subcommand word stays in the path, so the command answers with its usage.
 */
final class TextGrammar {

    private TextGrammar() {
    }

    static CommandInput parse(CommandSpec spec, String args) {
        String[] words = args == null || args.isBlank() ? new String[0] : args.strip().split("\\s+");
        List<String> path = new ArrayList<>();
        List<CommandSpec.Subcommand> level = spec.subcommands();
        int i = 0;
        while (i < words.length && !level.isEmpty()) {
            String word = words[i].toLowerCase(Locale.ROOT);
            CommandSpec.Subcommand sub = level.stream().filter(s -> s.name().equals(word)).findFirst().orElse(null);
            if (sub == null) {
                path.add(word); // kept, so the command can say "Usage: …" rather than guess
                i++;
                break;
            }
            path.add(sub.name());
            level = sub.subcommands();
            i++;
        }
        // a picture is never typed: it comes with the message (or the one it replies to)
        List<CommandSpec.Param> params = spec.paramsAt(path).stream()
                .filter(p -> p.type() != CommandSpec.ParamType.PICTURE).toList();
        Map<String, String> values = new HashMap<>();
        for (int p = 0; p < params.size() && i < words.length; p++) {
            boolean last = p == params.size() - 1;
            values.put(params.get(p).name(), last ? String.join(" ", Arrays.copyOfRange(words, i, words.length)) : words[i]);
            i = last ? words.length : i + 1;
        }
        // "/memeadmin templates reset doge": words the command has no place for; say so, never guess
        return CommandInput.of(path, values, String.join(" ", Arrays.copyOfRange(words, i, words.length)));
    }
}
