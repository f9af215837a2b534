package dev.memebattle.template;

import java.util.List;

/**
 * One or more template definition files are invalid. Each problem names the file and the field,
 * e.g. {@code doge.yml: boxes[1].color: expected #rrggbb, got 'whitish'}.
 */
public class TemplateDefinitionException extends Exception {

    private final List<String> problems;

    public TemplateDefinitionException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public TemplateDefinitionException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one line each; the message shows the first few. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        int shown = Math.min(problems.size(), 10);
        StringBuilder text = new StringBuilder(problems.size() + " problems in template definitions:");
        for (int i = 0; i < shown; i++) {
            text.append("\n  ").append(problems.get(i));
        }
        if (shown < problems.size()) {
            text.append("\n  ... and ").append(problems.size() - shown).append(" more");
        }
        return text.toString();
    }
}
