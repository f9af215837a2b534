package dev.memebattle.template;

import java.util.List;
import java.util.Optional;

/** Templates a chat has besides the shipped ones (its own saved pictures). */
public interface ChatTemplates extends TemplateKeys {

    /** The chat's own templates, by name. */
    List<MemeTemplate> templates(String chatKey);

    /** No chat has templates of its own (the command line, tests of the shipped catalog). */
    ChatTemplates NONE = new ChatTemplates() {
        @Override
        public List<MemeTemplate> templates(String chatKey) {
            return List.of();
        }

        @Override
        public Optional<MemeTemplate> byKey(String key) {
            return Optional.empty();
        }
    };
}
