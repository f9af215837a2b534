package dev.memebattle.discord;

import dev.memebattle.chat.ChatText;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

import java.util.List;

/**
 * The slash commands the bot registers. Server-only: settings, cooldowns and rerolls belong to a
 * server, and the bot asks for no direct-message intents.
 */
final class SlashCommands {

    static final String MEME = "meme";
    static final String TEMPLATES = "templates";
    static final String ADMIN = "memeadmin";
    static final String TEMPLATE_OPTION = "template";
    static final String TEXT_OPTION = "text";
    static final String QUERY_OPTION = "query";
    static final String PAGE_OPTION = "page";
    static final String EXAMPLE_OPTION = "example";

    private SlashCommands() {
    }

    static List<SlashCommandData> all() {
        return List.of(meme(), templates(), admin());
    }

    private static OptionData template(String description, boolean required) {
        return new OptionData(OptionType.STRING, TEMPLATE_OPTION, description, required, true).setMaxLength(100);
    }

    static SlashCommandData meme() {
        return Commands.slash(MEME, "Make a meme: pick a template, optionally start the caption or write it with |")
                .addOptions(template("Which meme template", true),
                        new OptionData(OptionType.STRING, TEXT_OPTION,
                                "Start of the caption (the AI finishes it), or your own text per box: top | bottom")
                                .setMaxLength(ChatText.MAX_INPUT_CHARS))
                .setContexts(InteractionContextType.GUILD);
    }

    static SlashCommandData templates() {
        return Commands.slash(TEMPLATES, "List the meme templates (only you see the list)")
                .addOptions(new OptionData(OptionType.STRING, QUERY_OPTION, "Search, e.g. dog").setMaxLength(60),
                        new OptionData(OptionType.INTEGER, PAGE_OPTION, "Page number").setRequiredRange(1, 1000),
                        new OptionData(OptionType.STRING, EXAMPLE_OPTION, "Show this template's example meme", false, true)
                                .setMaxLength(100))
                .setContexts(InteractionContextType.GUILD);
    }

    static SlashCommandData admin() {
        return Commands.slash(ADMIN, "Meme settings for this server (Manage Server)")
                .addSubcommandGroups(new SubcommandGroupData("templates", "Which templates may be used here")
                        .addSubcommands(
                                new SubcommandData("allow", "Allow a template (again)").addOptions(template("Template", true)),
                                new SubcommandData("deny", "Turn a template off here").addOptions(template("Template", true)),
                                new SubcommandData("reset", "Allow all templates again"),
                                new SubcommandData("list", "Show the allowed and turned-off templates")))
                .addSubcommands(
                        new SubcommandData("cooldown", "Minimum time between two memes of one member")
                                .addOptions(new OptionData(OptionType.INTEGER, "seconds", "0 turns it off", true)
                                        .setRequiredRange(0, 86_400)),
                        new SubcommandData("filter", "Content filter for AI captions")
                                .addOptions(new OptionData(OptionType.STRING, "level", "Filter level", true)
                                        .addChoice("off", "off").addChoice("standard", "standard").addChoice("strict", "strict")),
                        new SubcommandData("reroll", "Who may reroll a meme with 🔁")
                                .addOptions(new OptionData(OptionType.STRING, "who", "Who may reroll", true)
                                        .addChoice("requester", "requester").addChoice("anyone", "anyone")))
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD);
    }
}
