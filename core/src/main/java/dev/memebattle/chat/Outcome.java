package dev.memebattle.chat;

/**
 * What an action of the core did: done (with its value), or refused with a short message for the
 * user that says what to do next. The one way the core says no; commands turn a refusal into
 * {@link ChatReply.Refused}.
 */
public sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {
    }

    record Refused<T>(String reason) implements Outcome<T> {
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(String reason) {
        return new Refused<>(reason);
    }

    /** The same refusal as an outcome of another type. */
    default <U> Outcome<U> refusedAs() {
        if (this instanceof Refused<T> refused) {
            return new Refused<>(refused.reason());
        }
        throw new IllegalStateException("not refused");
    }
}
