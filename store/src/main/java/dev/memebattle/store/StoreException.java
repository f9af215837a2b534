package dev.memebattle.store;

/** The database failed (unreachable, broken file, …). The message is short and safe to log. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
