package dev.memebattle.discord;

import dev.memebattle.TestData;
import dev.memebattle.battle.BattleSettings;
import dev.memebattle.chat.ChatCommand;
import dev.memebattle.cli.BotComponents;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Discord's slash commands come from the core's declarations, with JDA's own validation of each. */
class SlashCommandsTest {

    static BotComponents bot;
    static Map<String, SlashCommandData> slash;

    @BeforeAll
    static void start() {
        bot = BotComponents.create(TestData.config());
        slash = SlashCommands.of(bot.chat().all()).stream()
                .collect(Collectors.toMap(SlashCommandData::getName, Function.identity()));
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    @Test
    void everyDeclaredCommandIsASlashCommand() {
        assertThat(slash.keySet()).containsExactlyInAnyOrderElementsOf(
                bot.chat().all().stream().map(ChatCommand::name).toList());
        assertThat(slash.keySet()).contains("meme", "templates", "memeadmin", "battle", "leaderboard", "help");
    }

    @Test
    void adminCommandsAreHiddenFromMembersAndWorkOnlyInServers() {
        SlashCommandData admin = slash.get("memeadmin");
        assertThat(admin.getDefaultPermissions().getPermissionsRaw()).isEqualTo(Permission.MANAGE_SERVER.getRawValue());
        assertThat(admin.getContexts()).containsExactly(InteractionContextType.GUILD);
        assertThat(slash.get("meme").getContexts())
                .containsExactlyInAnyOrder(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
        assertThat(slash.get("battle").getContexts()).containsExactly(InteractionContextType.GUILD);
    }

    @Test
    void optionsCarryTheDeclaredTypesRangesChoicesAndAutocomplete() {
        OptionData template = slash.get("meme").getOptions().get(0);
        assertThat(template.getName()).isEqualTo("template");
        assertThat(template.isRequired()).as("a picture can stand in for it; none is random").isFalse();
        assertThat(template.isAutoComplete()).isTrue();
        OptionData picture = slash.get("meme").getOptions().get(2);
        assertThat(picture.getName()).isEqualTo("picture");
        assertThat(picture.getType()).isEqualTo(net.dv8tion.jda.api.interactions.commands.OptionType.ATTACHMENT);
        // the battle settings are the battle feature's own declaration, reused as /memeadmin battle …
        OptionData minutes = slash.get("memeadmin").getSubcommandGroups().stream()
                .filter(g -> g.getName().equals("battle")).findFirst().orElseThrow()
                .getSubcommands().stream().filter(s -> s.getName().equals("minutes")).findFirst().orElseThrow()
                .getOptions().get(0);
        assertThat(minutes.getMaxValue().intValue()).isEqualTo(BattleSettings.MAX_ROUND_MINUTES);
        assertThat(minutes.getMinValue().intValue()).isEqualTo(1);
        List<String> levels = slash.get("memeadmin").getSubcommands().stream()
                .filter(s -> s.getName().equals("filter")).findFirst().orElseThrow()
                .getOptions().get(0).getChoices().stream().map(c -> c.getAsString()).toList();
        assertThat(levels).containsExactly("off", "standard", "strict");
    }
}
