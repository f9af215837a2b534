package dev.memebattle.discord;

import dev.memebattle.battle.BattleSettings;
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
import java.util.Set;

/**
 * The slash commands the bot registers. Server-only: settings, cooldowns, rerolls, battles and
 * leaderboards belong to a server, and the bot asks for no direct-message intents.
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
    static final String BATTLE = "battle";
    static final String LEADERBOARD = "leaderboard";
    static final String MINUTES_OPTION = "minutes";
    static final String ROUNDS_OPTION = "rounds";
    static final String SCOPE_OPTION = "scope";

    private SlashCommands() {
    }

    /** Commands that also work in a direct message with the bot (the rest need a server). */
    static final Set<String> DIRECT = Set.of(MEME, TEMPLATES);

    static List<SlashCommandData> all() {
        return List.of(meme(), templates(), admin(), battle(), leaderboard());
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
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
    }

    static SlashCommandData templates() {
        return Commands.slash(TEMPLATES, "List the meme templates (only you see the list)")
                .addOptions(new OptionData(OptionType.STRING, QUERY_OPTION, "Search, e.g. dog").setMaxLength(60),
                        new OptionData(OptionType.INTEGER, PAGE_OPTION, "Page number").setRequiredRange(1, 1000),
                        new OptionData(OptionType.STRING, EXAMPLE_OPTION, "Show this template's example meme", false, true)
                                .setMaxLength(100))
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
    }

    static SlashCommandData admin() {
        return Commands.slash(ADMIN, "Meme settings for this server (Manage Server)")
                .addSubcommandGroups(new SubcommandGroupData("templates", "Which templates may be used here")
                        .addSubcommands(
                                new SubcommandData("allow", "Allow a template (again)").addOptions(template("Template", true)),
                                new SubcommandData("deny", "Turn a template off here").addOptions(template("Template", true)),
                                new SubcommandData("reset", "Allow all templates again"),
                                new SubcommandData("list", "Show the allowed and turned-off templates")))
                .addSubcommandGroups(new SubcommandGroupData("battle", "Meme battle settings")
                        .addSubcommands(
                                new SubcommandData("show", "Show the battle settings"),
                                new SubcommandData("on", "Allow meme battles here"),
                                new SubcommandData("off", "Turn meme battles off here"),
                                new SubcommandData(MINUTES_OPTION, "Default round length")
                                        .addOptions(minutes("Minutes per round", true)),
                                new SubcommandData(ROUNDS_OPTION, "Most rounds one battle may have")
                                        .addOptions(rounds("Rounds", true)),
                                new SubcommandData("starters", "Who may start a battle")
                                        .addOptions(new OptionData(OptionType.STRING, "who", "Who may start", true)
                                                .addChoice("anyone", "anyone").addChoice("admins", "admins"))))
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

    private static OptionData minutes(String description, boolean required) {
        return new OptionData(OptionType.INTEGER, MINUTES_OPTION, description, required)
                .setRequiredRange(1, BattleSettings.MAX_ROUND_MINUTES);
    }

    private static OptionData rounds(String description, boolean required) {
        return new OptionData(OptionType.INTEGER, ROUNDS_OPTION, description, required)
                .setRequiredRange(1, BattleSettings.MAX_ROUNDS);
    }

    /** Anyone may battle (unless the server's admins restrict starting); the core checks that. */
    static SlashCommandData battle() {
        return Commands.slash(BATTLE, "Meme battles: everyone captions the same template, the server votes with 👍")
                .addSubcommands(
                        new SubcommandData("start", "Start a meme battle in this channel")
                                .addOptions(template("Template for every round (none = a random one each round)", false),
                                        minutes("Minutes per round (default: the server's)", false),
                                        rounds("How many rounds (default 1)", false)),
                        new SubcommandData("enter", "Enter the current round (one entry each; a new one replaces it)")
                                .addOptions(new OptionData(OptionType.STRING, TEXT_OPTION,
                                        "Start of the caption (the AI finishes it), your own text: top | bottom, or nothing")
                                        .setMaxLength(ChatText.MAX_INPUT_CHARS)),
                        new SubcommandData("status", "The running battle: round, template, time left"),
                        new SubcommandData("cancel", "Cancel the running battle (whoever started it, or an admin)"))
                .setContexts(InteractionContextType.GUILD);
    }

    static SlashCommandData leaderboard() {
        return Commands.slash(LEADERBOARD, "Meme battle points and wins")
                .addOptions(new OptionData(OptionType.STRING, SCOPE_OPTION, "This server (default) or every server")
                                .addChoice("server", "server").addChoice("global", "global"),
                        new OptionData(OptionType.INTEGER, PAGE_OPTION, "Page number").setRequiredRange(1, 1000))
                .setContexts(InteractionContextType.GUILD);
    }
}
