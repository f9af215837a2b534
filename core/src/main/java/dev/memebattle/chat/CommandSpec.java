package dev.memebattle.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command as declared once in the core: every face is generated from this — Discord's slash
 * commands, options and autocomplete, Telegram's command menu, and {@code /help}. Text faces
 * (Telegram, the console) read the command's own text grammar ({@link ChatCommand#parse}), which
 * yields the same {@link CommandInput} that Discord builds from typed options.
 *
 * @param description what it is for, in a few words (command menus: Discord, Telegram)
 * @param usage       the text form, e.g. {@code /templates [search] [page]}
 * @param summary     what it does, in one line (after the usage in {@code /help})
 * @param who         who may run it; the core checks it on every platform, Discord also hides admin commands
 * @param where       where it works; Discord registers the command for those places only
 * @param params      options of the command itself (when it has no subcommands)
 * @param subcommands named actions ({@code /battle start}), each possibly a group of further ones
 */
public record CommandSpec(String name, String description, String usage, String summary, Who who, Set<Place> where,
                          List<Param> params, List<Subcommand> subcommands) {

    public CommandSpec {
        params = List.copyOf(params);
        subcommands = List.copyOf(subcommands);
        where = Set.copyOf(where);
        if (!params.isEmpty() && !subcommands.isEmpty()) {
            throw new IllegalArgumentException(name + ": options belong to the subcommands when there are any");
        }
        requiredFirst(name, params);
    }

    /** Discord refuses a command whose required options follow optional ones; so does this declaration. */
    private static void requiredFirst(String name, List<Param> params) {
        for (int i = 1; i < params.size(); i++) {
            if (params.get(i).required() && !params.get(i - 1).required()) {
                throw new IllegalArgumentException(name + ": required option " + params.get(i).name()
                        + " must come before the optional ones");
            }
        }
    }

    /** The line for {@code /help}. */
    public String help() {
        return usage + " — " + summary;
    }

    /** The subcommand at {@code path} (a group's name, then its subcommand's). */
    public Optional<Subcommand> subcommand(List<String> path) {
        List<Subcommand> level = subcommands;
        Subcommand found = null;
        for (String name : path) {
            found = level.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            level = found.subcommands();
        }
        return Optional.ofNullable(found);
    }

    /** The options at {@code path}: the command's own for an empty path. */
    public List<Param> paramsAt(List<String> path) {
        return path.isEmpty() ? params : subcommand(path).map(Subcommand::params).orElse(List.of());
    }

    public enum Who { ANYONE, CHAT_ADMIN }

    /** A server (Discord guild), a group chat (Telegram), or a direct chat with the bot. */
    public enum Place { SERVER, GROUP, DIRECT }

    /** Every place. */
    public static final Set<Place> ANYWHERE = Set.of(Place.SERVER, Place.GROUP, Place.DIRECT);
    /** Servers and groups: state that belongs to a community (settings, battles, leaderboards). */
    public static final Set<Place> SHARED_CHATS = Set.of(Place.SERVER, Place.GROUP);

    public enum ParamType {
        TEXT,
        INTEGER,
        /** One of {@link Param#choices()}. */
        CHOICE,
        /** A template name; faces that can offer suggestions as the user types do. */
        TEMPLATE,
        /**
         * A picture sent with the command: an attachment where the platform has them; text faces
         * take the picture the message carries or replies to instead (never a typed URL).
         */
        PICTURE
    }

    /**
     * @param min     INTEGER: smallest value
     * @param max     INTEGER: largest value; TEXT and TEMPLATE: most characters
     * @param choices CHOICE: the allowed values; TEMPLATE: words allowed besides template names ("random")
     */
    public record Param(String name, ParamType type, String description, boolean required, int min, int max,
                        List<String> choices) {

        public Param {
            choices = List.copyOf(choices);
        }

        public static Param text(String name, String description, int maxLength) {
            return new Param(name, ParamType.TEXT, description, false, 0, maxLength, List.of());
        }

        public static Param integer(String name, String description, int min, int max) {
            return new Param(name, ParamType.INTEGER, description, false, min, max, List.of());
        }

        public static Param choice(String name, String description, String... choices) {
            return new Param(name, ParamType.CHOICE, description, false, 0, 0, List.of(choices));
        }

        public static Param picture(String name, String description) {
            return new Param(name, ParamType.PICTURE, description, false, 0, 0, List.of());
        }

        /** Template names are at most this long (with room for aliases typed loosely). */
        public static final int TEMPLATE_NAME_CHARS = 100;

        public static Param template(String name, String description) {
            return new Param(name, ParamType.TEMPLATE, description, false, 0, TEMPLATE_NAME_CHARS, List.of());
        }

        /** A template name, or "random" (offered as the first suggestion). */
        public static Param templateOrRandom(String name, String description) {
            return new Param(name, ParamType.TEMPLATE, description, false, 0, TEMPLATE_NAME_CHARS,
                    List.of(MemeCommand.RANDOM));
        }

        /** TEMPLATE: "random" is a value too. */
        public boolean offersRandom() {
            return type == ParamType.TEMPLATE && choices.contains(MemeCommand.RANDOM);
        }

        public Param asRequired() {
            return new Param(name, type, description, true, min, max, choices);
        }
    }

    /** A subcommand with its options, or a group of subcommands (then it has no options of its own). */
    public record Subcommand(String name, String description, List<Param> params, List<Subcommand> subcommands) {

        public Subcommand {
            params = List.copyOf(params);
            subcommands = List.copyOf(subcommands);
            requiredFirst(name, params);
        }

        public static Subcommand of(String name, String description, Param... params) {
            return new Subcommand(name, description, List.of(params), List.of());
        }

        public static Subcommand group(String name, String description, Subcommand... subcommands) {
            return new Subcommand(name, description, List.of(), List.of(subcommands));
        }
    }
}
