package dev.memebattle.battle;

/** What a battle action did: done (with its value), or refused with a short message for the user. */
public sealed interface BattleResult<T> {

    record Ok<T>(T value) implements BattleResult<T> {
    }

    record Refused<T>(String reason) implements BattleResult<T> {
    }

    static <T> BattleResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> BattleResult<T> refused(String reason) {
        return new Refused<>(reason);
    }
}
