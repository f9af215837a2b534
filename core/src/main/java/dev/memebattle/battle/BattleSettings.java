package dev.memebattle.battle;

/**
 * What a chat's admins decided about battles.
 *
 * @param enabled      battles can be started here
 * @param adminsOnly   only chat admins may start battles
 * @param roundMinutes default round length when /battle start names none
 * @param maxRounds    the most rounds one battle may have
 */
public record BattleSettings(boolean enabled, boolean adminsOnly, int roundMinutes, int maxRounds) {

    public static final int MAX_ROUND_MINUTES = 24 * 60;
    public static final int MAX_ROUNDS = 20;
    public static final BattleSettings DEFAULTS = new BattleSettings(true, false, 5, 5);

    public BattleSettings {
        roundMinutes = Math.max(1, Math.min(MAX_ROUND_MINUTES, roundMinutes));
        maxRounds = Math.max(1, Math.min(MAX_ROUNDS, maxRounds));
    }

    public BattleSettings withEnabled(boolean on) {
        return new BattleSettings(on, adminsOnly, roundMinutes, maxRounds);
    }

    public BattleSettings withAdminsOnly(boolean only) {
        return new BattleSettings(enabled, only, roundMinutes, maxRounds);
    }

    public BattleSettings withRoundMinutes(int minutes) {
        return new BattleSettings(enabled, adminsOnly, minutes, maxRounds);
    }

    public BattleSettings withMaxRounds(int rounds) {
        return new BattleSettings(enabled, adminsOnly, roundMinutes, rounds);
    }
}
