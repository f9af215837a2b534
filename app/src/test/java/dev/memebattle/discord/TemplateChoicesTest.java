package dev.memebattle.discord;

import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Autocomplete labels stay within Discord's 100 characters; the real catalog is tested end to end. */
class TemplateChoicesTest {

    static MemeTemplate named(String key, String name) {
        return new MemeTemplate(key, name, List.of(), null, List.of(), List.of(), "default.jpg", null, null, false, null);
    }

    @Test
    void labelsShowTheKeyWhenItDiffersAndNeverExceed100Characters() {
        assertThat(TemplateChoices.label(named("doge", "Doge"))).isEqualTo("Doge");
        assertThat(TemplateChoices.label(named("drake", "Drakeposting"))).isEqualTo("Drakeposting (drake)");
        String longName = "A".repeat(150);
        String label = TemplateChoices.label(named("long", longName));
        assertThat(label).hasSize(TemplateChoices.MAX_NAME).endsWith("…").startsWith("AAAA");
    }
}
