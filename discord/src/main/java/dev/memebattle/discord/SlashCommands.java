package dev.memebattle.discord;

import dev.memebattle.chat.ChatCommand;
import dev.memebattle.chat.CommandSpec;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

import java.util.ArrayList;
import java.util.List;

/**
 * Discord's slash commands, generated from the core's declarations ({@link CommandSpec}): options,
 * ranges, choices, autocomplete for templates, where each command works, and — for admin
 * commands — Manage Server as the default permission (the core checks it again on every use).
 */
final class SlashCommands {

    /** Discord's limit for command and option descriptions. */
    private static final int DESCRIPTION_CHARS = 100;

    private SlashCommands() {
    }

    /** The name of the message context-menu command that memes a message's picture. */
    static final String MAKE_A_MEME = "Make a meme";

    static List<SlashCommandData> of(List<ChatCommand> commands) {
        return commands.stream().map(c -> slash(c.spec())).toList();
    }

    /** The slash commands, and "Make a meme" on any message (Discord's context menu; no options there). */
    static List<CommandData> withContextMenu(List<ChatCommand> commands) {
        List<CommandData> all = new ArrayList<>(of(commands));
        all.add(Commands.message(MAKE_A_MEME).setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM));
        return all;
    }

    static SlashCommandData slash(CommandSpec spec) {
        SlashCommandData data = Commands.slash(spec.name(), description(spec.description()));
        for (CommandSpec.Subcommand sub : spec.subcommands()) {
            if (sub.subcommands().isEmpty()) {
                data.addSubcommands(subcommand(sub));
            } else {
                data.addSubcommandGroups(new SubcommandGroupData(sub.name(), description(sub.description()))
                        .addSubcommands(sub.subcommands().stream().map(SlashCommands::subcommand).toList()));
            }
        }
        data.addOptions(options(spec.params()));
        if (spec.who() == CommandSpec.Who.CHAT_ADMIN) {
            data.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER));
        }
        List<InteractionContextType> contexts = new ArrayList<>();
        if (spec.where().contains(CommandSpec.Place.SERVER)) {
            contexts.add(InteractionContextType.GUILD);
        }
        if (spec.where().contains(CommandSpec.Place.DIRECT)) {
            contexts.add(InteractionContextType.BOT_DM);
        }
        return data.setContexts(contexts);
    }

    /** True when the command also works in a direct message with the bot. */
    static boolean direct(CommandSpec spec) {
        return spec.where().contains(CommandSpec.Place.DIRECT);
    }

    private static SubcommandData subcommand(CommandSpec.Subcommand sub) {
        return new SubcommandData(sub.name(), description(sub.description())).addOptions(options(sub.params()));
    }

    private static List<OptionData> options(List<CommandSpec.Param> params) {
        return params.stream().map(SlashCommands::option).toList();
    }

    private static OptionData option(CommandSpec.Param p) {
        String description = description(p.description());
        return switch (p.type()) {
            case TEXT -> new OptionData(OptionType.STRING, p.name(), description, p.required()).setMaxLength(p.max());
            case PICTURE -> new OptionData(OptionType.ATTACHMENT, p.name(), description, p.required());
            case TEMPLATE -> new OptionData(OptionType.STRING, p.name(), description, p.required(), true)
                    .setMaxLength(p.max());
            case INTEGER -> new OptionData(OptionType.INTEGER, p.name(), description, p.required())
                    .setRequiredRange(p.min(), p.max());
            case CHOICE -> {
                OptionData choice = new OptionData(OptionType.STRING, p.name(), description, p.required());
                p.choices().forEach(c -> choice.addChoice(c, c));
                yield choice;
            }
        };
    }

    private static String description(String text) {
        return text.length() <= DESCRIPTION_CHARS ? text : text.substring(0, DESCRIPTION_CHARS - 1) + "…";
    }
}
