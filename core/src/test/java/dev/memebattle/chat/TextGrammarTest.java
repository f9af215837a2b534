package dev.memebattle.chat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The text form of a declared command yields the same input Discord builds from typed options. */
class TextGrammarTest {

    static final CommandSpec SPEC = new CommandSpec("admin", "Settings", "/admin …", "settings",
            CommandSpec.Who.CHAT_ADMIN, CommandSpec.SHARED_CHATS, List.of(), List.of(
            CommandSpec.Subcommand.group("templates", "Templates",
                    CommandSpec.Subcommand.of("deny", "Deny", CommandSpec.Param.template("template", "Template"))),
            CommandSpec.Subcommand.of("cooldown", "Cooldown", CommandSpec.Param.integer("seconds", "Seconds", 0, 99)),
            CommandSpec.Subcommand.of("say", "Say", CommandSpec.Param.choice("how", "How", "loud", "soft"),
                    CommandSpec.Param.text("text", "Text", 100))));

    @Test
    void subcommandWordsThenOptionsInOrderTheLastTakingTheRest() {
        assertThat(TextGrammar.parse(SPEC, "Templates DENY one does not simply"))
                .isEqualTo(CommandInput.of(List.of("templates", "deny"), Map.of("template", "one does not simply")));
        assertThat(TextGrammar.parse(SPEC, "say loud hello  there"))
                .isEqualTo(CommandInput.of(List.of("say"), Map.of("how", "loud", "text", "hello there")));
        assertThat(TextGrammar.parse(SPEC, "  ")).isEqualTo(CommandInput.EMPTY);
    }

    @Test
    void typedAccessorsReadDeclaredTypesAndSayWhenAValueIsNotOne() {
        CommandInput input = TextGrammar.parse(SPEC, "cooldown soon");
        assertThat(input.action()).isEqualTo("cooldown");
        assertThat(input.integer("seconds")).isEmpty();
        assertThat(input.notInteger("seconds")).isTrue();
        assertThat(TextGrammar.parse(SPEC, "cooldown 30").integer("seconds")).contains(30);
        assertThat(TextGrammar.parse(SPEC, "say LOUD x").choice("how")).isEqualTo("loud");
    }

    @Test
    void anUnknownSubcommandStaysInThePathSoTheCommandCanAnswerWithItsUsage() {
        assertThat(TextGrammar.parse(SPEC, "colour red").path()).containsExactly("colour");
        assertThat(TextGrammar.parse(SPEC, "templates bogus doge").path()).containsExactly("templates", "bogus");
    }

    @Test
    void wordsNoOptionTakesAreKeptSoTheyAreRefusedNotIgnored() {
        CommandSpec reset = new CommandSpec("admin", "Settings", "/admin …", "settings", CommandSpec.Who.ANYONE,
                CommandSpec.ANYWHERE, List.of(), List.of(CommandSpec.Subcommand.group("templates", "Templates",
                CommandSpec.Subcommand.of("reset", "Reset"))));
        CommandInput input = TextGrammar.parse(reset, "templates reset doge");
        assertThat(input.path()).containsExactly("templates", "reset");
        assertThat(input.unexpected()).isEqualTo("doge");
        assertThat(TextGrammar.parse(reset, "templates reset").unexpected()).isEmpty();
    }

    @Test
    void aCommandIsDeclaredWithOptionsOrSubcommandsNotBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CommandSpec("x", "X", "/x", "x",
                        CommandSpec.Who.ANYONE, CommandSpec.ANYWHERE, List.of(CommandSpec.Param.text("a", "A", 5)),
                        List.of(CommandSpec.Subcommand.of("b", "B"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
